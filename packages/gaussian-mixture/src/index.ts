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
  type LabelsInit,
} from './gaussianMixture.js';
export { GaussianMixtureModel } from './gaussianMixtureModel.js';
export type { HierarchicalUse } from './hierarchical/hierarchicalTransform.js';
export {
  type HierarchicalTree,
  type ModelBasedHierarchicalOptions,
  modelBasedHierarchical,
} from './hierarchical/modelBasedHierarchical.js';
export type { VvvAgglomerationOptions } from './hierarchical/vvvAgglomeration.js';
export {
  MCLUST_SUBSET_SIZE,
  type MclustOptions,
  type MclustResult,
  mclust,
  mclustProgram,
} from './mclust/mclust.js';
export { type MclustAsyncOptions, mclustAsync } from './mclust/mclustAsync.js';
export type { MclustCandidate } from './mclust/mclustCandidate.js';
export {
  type MclustCell,
  type MclustCellModel,
  type MclustCellOutput,
  type MclustCellSetup,
  mclustCellTask,
} from './mclust/mclustCellTask.js';
export { type MclustEmControl, type MclustEmFit, mclustEm } from './mclust/mclustEm.js';
export { mclustParameterCount } from './mclust/mclustParameterCount.js';
export {
  BayesianGaussianMixture,
  type BayesianGaussianMixtureOptions,
} from './variational/bayesianGaussianMixture.js';
export {
  BayesianGaussianMixtureModel,
  type VariationalFitInfo,
} from './variational/bayesianGaussianMixtureModel.js';
export type { VariationalPosterior } from './variational/variationalPosterior.js';
export type {
  VariationalPriorOptions,
  WeightPrior,
} from './variational/variationalPrior.js';
export {
  type VariationalRestartOutput,
  type VariationalRestartSetup,
  variationalRestartTask,
} from './variational/variationalRestartTask.js';
