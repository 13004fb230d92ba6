import { createApp } from './app.js';

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');
createApp(root);
