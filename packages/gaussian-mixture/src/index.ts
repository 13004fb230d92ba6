export type {
  CovarianceShapes,
  CovarianceStrategy,
  PrecisionsInput,
} from './covariance/covarianceStrategy.js';
export { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';
export {
  type GaussianInit,
  GaussianMixture,
  type GaussianMixtureOptions,
} from './gaussianMixture.js';
export { GaussianMixtureModel } from './gaussianMixtureModel.js';
