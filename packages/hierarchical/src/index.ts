export { AgglomerativeClustering, type AgglomerativeOptions } from './agglomerativeClustering.js';
export { AgglomerativeModel, type AgglomerativeModelState } from './agglomerativeModel.js';
export {
  type Connectivity,
  connectivityGraph,
  connectivityGraphProgram,
} from './connectivity.js';
export { constrainedLinkage, constrainedLinkageProgram } from './constrainedLinkage.js';
export { type Cut, cutTree } from './cutTree.js';
export { type Dendrogram, linkageFromMerges } from './linkageFromMerges.js';
export {
  type LinkageOptions,
  linkageMatrix,
  linkageProgram,
  WARD_CONDENSED_MAX_BYTES,
  type WardStrategy,
} from './linkageMatrix.js';
export { assertLinkageMethod, LINKAGE_METHODS, type LinkageMethod } from './linkageMethod.js';
export { nnChainCondensed, nnChainProgram, type RawMerges } from './nnChain.js';
export {
  primSpanningPath,
  primSpanningPathProgram,
  type SpanningPath,
} from './primSpanningPath.js';
export { wardChain, wardChainProgram } from './wardChain.js';
