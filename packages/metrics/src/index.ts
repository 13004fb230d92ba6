export { adjustedRandIndex } from './adjustedRandIndex.js';
export { aic } from './aic.js';
export { bic } from './bic.js';
export { icl } from './icl.js';
