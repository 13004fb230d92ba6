export { fitMixture } from './fitMixture.js';
export { fitMixtureAsync } from './fitMixtureAsync.js';
export type {
  CovarianceType,
  GaussianShape,
} from './gaussian/covariance/covarianceStrategy.js';
export { gaussianFamily } from './gaussian/gaussianFamily.js';
export {
  type GaussianInitParams,
  GaussianMixture,
  type GaussianMixtureOptions,
} from './gaussian/gaussianMixture.js';
export { GaussianMixtureModel } from './gaussian/gaussianMixtureModel.js';
export { type FitMixtureOptions, iterateEm } from './iterateEm.js';
export { Mixture } from './mixture.js';
export type { FamilyResolver, MixtureJson } from './mixtureJson.js';
export { type MixtureComponent, MixtureModel } from './mixtureModel.js';
export type {
  EmSettings,
  EStep,
  InitialParameters,
  MixtureComponents,
  MixtureFitOptions,
  MixtureInit,
  MixtureOptions,
} from './mixtureOptions.js';
export { negligibleResponsibility } from './normalizeBlock.js';
export { OnlineMixture, type OnlineMixtureOptions } from './online/onlineMixture.js';
export { type StepSchedule, stepSize } from './online/stepSize.js';
export type { EmStep } from './runRestart.js';
export type { MixtureSample } from './sampleMixture.js';
export { formatSelectionTable } from './selection/formatSelectionTable.js';
export type {
  MixtureSelection,
  SelectionCandidate,
  SelectionCriterion,
  SelectionGrid,
  SelectionRow,
  SelectMixtureOptions,
} from './selection/selectionTypes.js';
export { selectMixture } from './selection/selectMixture.js';
export { selectMixtureAsync } from './selection/selectMixtureAsync.js';
export type { ChunkSource } from './stream/chunkSource.js';
export { fitMixtureStream } from './stream/fitMixtureStream.js';
export { type FitMixtureStreamOptions, iterateEmStream } from './stream/iterateEmStream.js';
