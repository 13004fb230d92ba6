import type { GaussianModelName } from '@mixkit/distributions';

/** One cell of the BIC table. */
export interface MclustCandidate {
  /** The parsimonious model, e.g. `'VEV'`. */
  readonly modelName: GaussianModelName;
  /** Components (mclust's G). */
  readonly nClusters: number;
  /**
   * mclust's BIC, 2·ℓ − npar·log n: **higher is better** (mixkit's `bic()` is its negative,
   * lower is better). `undefined` where mclust prints NA (a singular covariance on the way).
   */
  readonly bic: number | undefined;
  /** ℓ of the fitted parameters, summed over rows; `undefined` where the fit was singular. */
  readonly logLikelihood: number | undefined;
  /** mclust's `nMclustParams`. */
  readonly nParameters: number;
  /** EM iterations run; `undefined` where the fit was singular. */
  readonly iterations: number | undefined;
}
