export { KdTree } from './kdTree.js';
export { KnnHeap } from './knnHeap.js';
export { assertMetric, METRICS, type Metric } from './metric.js';
export { NeighborBuffer } from './neighborBuffer.js';
export {
  type IndexAlgorithm,
  type KNeighbors,
  NeighborIndex,
  type NeighborIndexOptions,
  type RadiusNeighbors,
} from './neighborIndex.js';
export { powerOfTwoExponent, scaleByPowerOfTwo } from './powerOfTwoScale.js';
