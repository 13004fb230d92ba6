import type { Matrix, MatrixInput } from '@mixkit/core';
import type { CovarianceType, GaussianParamsByType } from '@mixkit/distributions';

/**
 * scikit-learn's shapes of `covariances_` and `precisions_` per covariance type:
 * k x d x d (full), d x d (tied), k x d (diag), k (spherical).
 */
export interface CovarianceShapes {
  /** k x d x d: one full matrix per component. */
  readonly full: number[][][];
  /** d x d: one matrix shared by every component. */
  readonly tied: number[][];
  /** k x d: each component's diagonal. */
  readonly diag: number[][];
  /** k: each component's single variance (or precision). */
  readonly spherical: number[];
}

/** What `precisionsInit` takes per covariance type (scikit-learn's `precisions_init`). */
export interface PrecisionsInput {
  /** k precision matrices, each d x d. */
  readonly full: ArrayLike<MatrixInput>;
  /** One d x d precision matrix shared by every component. */
  readonly tied: MatrixInput;
  /** k x d diagonal precisions. */
  readonly diag: MatrixInput;
  /** k precisions, one per component. */
  readonly spherical: ArrayLike<number>;
}

/**
 * What `GaussianMixture` needs to know about one covariance type beyond its family
 * (`gaussianFamily(type)` of `@mixkit/distributions`): the translation between the family's
 * parameters and scikit-learn's attribute shapes. Only this facade knows about covariance
 * types; the EM runner never does.
 */
export interface CovarianceStrategy<T extends CovarianceType> {
  /** The covariance type it handles. */
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
