// Typed views of the scikit-learn reference values written by
// tooling/scripts/fixtures/metrics_sklearn.py (tests read only these JSON files).
import criteriaJson from './criteria.json' with { type: 'json' };
import supervisedJson from './supervised.json' with { type: 'json' };
import unsupervisedJson from './unsupervised.json' with { type: 'json' };

export type Average = 'arithmetic' | 'geometric' | 'min' | 'max';

export interface SupervisedCase {
  name: string;
  labelsTrue: number[];
  labelsPred: number[];
  contingency: number[][];
  classes: number[];
  clusters: number[];
  adjustedRandIndex: number;
  randIndex: number;
  mutualInformation: number;
  normalizedMutualInformation: Record<Average, number>;
  adjustedMutualInformation: Record<Average, number>;
  homogeneity: number;
  completeness: number;
  vMeasure: number;
  vMeasureBeta: Record<string, number>;
  fowlkesMallows: number;
  accuracy: number;
}

export interface CriteriaCase {
  name: string;
  logLikelihood: number;
  nParameters: number;
  nSamples: number;
  responsibilities: number[][];
  bic: number;
  aic: number;
  icl: number;
}

export const supervisedCases = supervisedJson.cases as SupervisedCase[];
/** [x, scipy.special.gammaln(x)] pairs. */
export const criteriaCases = criteriaJson.cases as CriteriaCase[];

export interface UnsupervisedCase {
  name: string;
  X: number[][];
  labels: number[];
  silhouetteSamples: number[];
  silhouetteScore: number;
  silhouetteSamplesSquared: number[];
  daviesBouldin: number;
  calinskiHarabasz: number;
}

export const unsupervisedCases = unsupervisedJson.cases as UnsupervisedCase[];
