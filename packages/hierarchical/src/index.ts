export { AgglomerativeClustering, type AgglomerativeOptions } from './agglomerativeClustering.js';
export { AgglomerativeModel, type AgglomerativeModelState } from './agglomerativeModel.js';
export { type Connectivity, connectivityGraph } from './connectivity.js';
export { constrainedLinkage } from './constrainedLinkage.js';
export { type Cut, cutTree } from './cutTree.js';
export { type Dendrogram, linkageFromMerges } from './linkageFromMerges.js';
export {
  type LinkageOptions,
  linkageMatrix,
  WARD_CONDENSED_MAX_BYTES,
  type WardStrategy,
} from './linkageMatrix.js';
export { assertLinkageMethod, LINKAGE_METHODS, type LinkageMethod } from './linkageMethod.js';
export { nnChainCondensed, type RawMerges } from './nnChain.js';
export { primSpanningPath, type SpanningPath } from './primSpanningPath.js';
export { wardChain } from './wardChain.js';
