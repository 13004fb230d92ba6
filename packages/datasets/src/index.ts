export { loadFaithful } from './loadFaithful.js';
export { loadIris } from './loadIris.js';
export { loadWine } from './loadWine.js';
export type { RealDataset } from './realDataset.js';
