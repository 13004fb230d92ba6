import type { Matrix, MatrixInput } from '@mixkit/core';
import type { CovarianceType, GaussianParamsByType } from '@mixkit/distributions';

/**
 * scikit-learn's shapes of `covariances_` and `precisions_` per covariance type:
 * k x d x d (full), d x d (tied), k x d (diag), k (spherical).
 */
export interface CovarianceShapes {
  readonly full: number[][][];
  readonly tied: number[][];
  readonly diag: number[][];
  readonly spherical: number[];
}

/** What `precisionsInit` takes per covariance type (scikit-learn's `precisions_init`). */
export interface PrecisionsInput {
  readonly full: ArrayLike<MatrixInput>;
  readonly tied: MatrixInput;
  readonly diag: MatrixInput;
  readonly spherical: ArrayLike<number>;
}

/**
 * What `GaussianMixture` needs to know about one covariance type beyond its family
 * (`gaussianFamily(type)` of `@mixkit/distributions`): the translation between the family's
 * parameters and scikit-learn's attribute shapes. Only this facade knows about covariance
 * types; the EM runner never does.
 */
export interface CovarianceStrategy<T extends CovarianceType> {
  readonly type: T;
  /** The same component with another mean (scikit-learn's `means_init` over a k-means start). */
  withMean(params: GaussianParamsByType[T], mean: Float64Array): GaussianParamsByType[T];
  /**
   * Parameters from means (k x d) and scikit-learn-shaped precisions (`precisions_init`).
   * Throws `InvalidInputError` naming `precisionsInit` on a wrong shape or a matrix that is not
   * positive definite.
   */
  fromPrecisions(means: Matrix, precisions: PrecisionsInput[T]): GaussianParamsByType[T][];
  /** `covariances_` in scikit-learn's shape. */
  covariances(params: readonly GaussianParamsByType[T][]): CovarianceShapes[T];
  /** `precisions_` in scikit-learn's shape. */
  precisions(params: readonly GaussianParamsByType[T][]): CovarianceShapes[T];
}
