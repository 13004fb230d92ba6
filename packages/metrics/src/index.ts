export { adjustedMutualInformation } from './adjustedMutualInformation.js';
export { adjustedRandIndex } from './adjustedRandIndex.js';
export { aic } from './aic.js';
export type { AverageMethod } from './averageMethod.js';
export { bic } from './bic.js';
export { calinskiHarabasz } from './calinskiHarabasz.js';
export { clusteringAccuracy } from './clusteringAccuracy.js';
export { completeness } from './completeness.js';
export { type ContingencyTable, contingencyMatrix } from './contingencyMatrix.js';
export { daviesBouldin } from './daviesBouldin.js';
export { estimateSilhouette, type SilhouetteEstimate } from './estimateSilhouette.js';
export { fowlkesMallows } from './fowlkesMallows.js';
export { homogeneity } from './homogeneity.js';
export {
  homogeneityCompletenessVMeasure,
  type VMeasureOptions,
  type VMeasureScores,
} from './homogeneityCompletenessVMeasure.js';
export { icl } from './icl.js';
export { type ClusterMatching, matchClusters } from './matchClusters.js';
export { mutualInformation } from './mutualInformation.js';
export {
  type MutualInformationOptions,
  normalizedMutualInformation,
} from './normalizedMutualInformation.js';
export { randIndex } from './randIndex.js';
export type { SilhouetteData } from './silhouette/silhouetteRows.js';
export { silhouetteTask } from './silhouette/silhouetteTask.js';
export type {
  SilhouetteEstimateOptions,
  SilhouetteMetric,
  SilhouetteOptions,
  SilhouetteScoreOptions,
} from './silhouetteOptions.js';
export { silhouetteSamples } from './silhouetteSamples.js';
export {
  type SilhouetteAsyncOptions,
  silhouetteSamplesAsync,
} from './silhouetteSamplesAsync.js';
export { silhouetteScore } from './silhouetteScore.js';
export { vMeasure } from './vMeasure.js';
