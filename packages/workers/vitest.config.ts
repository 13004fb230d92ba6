import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// A fresh module registry per file (see vitest.shared.ts): these tests start worker threads or
// processes and set process.env for them.
export default mergeConfig(shared, defineConfig({ test: { isolate: true } }));
