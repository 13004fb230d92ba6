export { type AbortMidFit, abortMidFit, timerTicksDuring } from './abortMidFit.js';
export { fiveBlobs } from './fiveBlobs.js';
export { type GaussianBlobsOptions, gaussianBlobs } from './gaussianBlobs.js';
export {
  type FamilyCall,
  type FamilyMember,
  MockComponentFamily,
  type MockComponentFamilyOptions,
  type MockHandle,
} from './mockComponentFamily.js';
export {
  type PooledVarianceParams,
  type PooledVarianceStats,
  pooledVarianceGaussianFamily,
} from './pooledVarianceGaussianFamily.js';
export { ReadmeExamples } from './readmeExamples.js';
export {
  type UnitGaussianParams,
  type UnitGaussianStats,
  unitGaussianFamily,
} from './unitGaussianFamily.js';
