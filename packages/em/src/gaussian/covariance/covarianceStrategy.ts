import type { ComponentFamily, Matrix } from '@mixkit/core';

/** scikit-learn's `covariance_type`. */
export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/**
 * scikit-learn-shaped covariances or precisions: k x d x d (full), d x d (tied),
 * k x d (diag), k (spherical).
 */
export type GaussianShape = number[][][] | number[][] | number[];

/**
 * What `GaussianMixture` needs to know about one covariance type: its family, and the
 * translation between the families' parameters and scikit-learn's attribute shapes. Only this
 * Gaussian convenience layer knows about covariance types; the EM runner never does.
 */
export interface CovarianceStrategy<Params> {
  readonly type: CovarianceType;
  /** The component family, regularised with `regCovar` (scikit-learn's `reg_covar`). */
  family(regCovar: number): ComponentFamily<Params, unknown>;
  /** The same component with another mean (scikit-learn's `means_init` over a k-means start). */
  withMean(params: Params, mean: Float64Array): Params;
  /**
   * Parameters from means (k x d) and scikit-learn-shaped precisions (`precisions_init`).
   * Throws `InvalidInputError` naming `precisionsInit` on a wrong shape or a matrix that is not
   * positive definite.
   */
  fromPrecisions(means: Matrix, precisions: unknown): Params[];
  /** `covariances_` in scikit-learn's shape. */
  covariances(params: readonly Params[]): GaussianShape;
  /** `precisions_` in scikit-learn's shape. */
  precisions(params: readonly Params[]): GaussianShape;
}
