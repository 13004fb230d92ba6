export { kmeansPlusPlus } from './init/kmeansPlusPlus.js';
export { randomRows } from './init/randomRows.js';
export { type IterateKmeansOptions, iterateKmeans, type KMeansStep } from './iterateKmeans.js';
export { KMeans } from './kmeans.js';
export {
  KMeansModel,
  type KMeansModelAlgorithm,
  type KMeansModelState,
} from './kmeansModel.js';
export type {
  CenterInitializer,
  KMeansAlgorithm,
  KMeansInit,
  KMeansOptions,
  ResolvedKMeansAlgorithm,
  ResolvedKMeansOptions,
} from './kmeansOptions.js';
export { dissimilarityTask as kmedoidsDissimilarityTask } from './kmedoids/dissimilarityTask.js';
export { KMedoids } from './kmedoids/kmedoids.js';
export { KMedoidsModel, type KMedoidsModelState } from './kmedoids/kmedoidsModel.js';
export type {
  KMedoidsInit,
  KMedoidsMetric,
  KMedoidsOptions,
  ResolvedKMedoidsOptions,
} from './kmedoids/kmedoidsOptions.js';
export { swapTask as kmedoidsSwapTask } from './kmedoids/swapTask.js';
export { MiniBatchKMeans } from './miniBatchKmeans.js';
export type { MiniBatchKMeansOptions, ResolvedMiniBatchOptions } from './miniBatchOptions.js';
export {
  type AssignInput as KMeansAssignInput,
  type AssignOutput as KMeansAssignOutput,
  type AssignSetup as KMeansAssignSetup,
  assignTask as kmeansAssignTask,
} from './shards/assignTask.js';
export { labelTask as kmeansLabelTask } from './shards/labelTask.js';
export {
  type FrameRound as KMeansPrepareFrameRound,
  type PrepareInput as KMeansPrepareInput,
  type PrepareLocal as KMeansPrepareLocal,
  type PrepareOutput as KMeansPrepareOutput,
  type PrepareSetup as KMeansPrepareSetup,
  type PrepareState as KMeansPrepareState,
  prepareTask as kmeansPrepareTask,
  type StatisticsRound as KMeansPrepareStatisticsRound,
} from './shards/prepareTask.js';
export {
  type RestartSetup as KMeansRestartSetup,
  restartTask as kmeansRestartTask,
} from './shards/restartTask.js';
export { SphericalKMeans } from './spherical/sphericalKMeans.js';
export {
  SphericalKMeansModel,
  type SphericalKMeansModelState,
} from './spherical/sphericalKMeansModel.js';
export type {
  ResolvedSphericalKMeansOptions,
  SphericalKMeansInit,
  SphericalKMeansOptions,
} from './spherical/sphericalKMeansOptions.js';
export {
  type SphericalRestartOutput,
  type SphericalRestartSetup,
  sphericalRestartTask,
} from './spherical/sphericalRestartTask.js';
export type { SphericalRun } from './spherical/sphericalRun.js';
