import type { GaussianModelName } from '@mixkit/distributions';

/** One cell of the BIC table. */
export interface MclustCandidate {
  readonly modelName: GaussianModelName;
  readonly nClusters: number;
  /**
   * mclust's BIC, 2·ℓ − npar·log n: **higher is better** (mixkit's `bic()` is its negative,
   * lower is better). `undefined` where mclust prints NA (a singular covariance on the way).
   */
  readonly bic: number | undefined;
  readonly logLikelihood: number | undefined;
  /** mclust's `nMclustParams`. */
  readonly nParameters: number;
  readonly iterations: number | undefined;
}
