import {
  assertInteger,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type MissingPolicy,
  resolveMissingPolicy,
  type SoftClusterer,
  toMatrix,
} from '@mixkit/core';
import {
  type CovarianceType,
  covarianceTypes,
  type GaussianFamily,
  type GaussianParamsByType,
  gaussianFamily,
  type RegCovar,
} from '@mixkit/distributions';
import {
  type FitMixtureOptions,
  fitMixture,
  fitMixtureAsync,
  type MixtureFitOptions,
  type MixtureInit,
} from '@mixkit/em';
import type { PrecisionsInput } from './covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';
import { GaussianMixtureModel } from './gaussianMixtureModel.js';

/** How the components start (scikit-learn's `init_params`, in mixkit's names). */
export type GaussianInit = 'k-means' | 'k-means++' | 'random' | 'random-from-data';

/**
 * A start from given labels, one M-step from the partition: e.g. mclust's default start,
 * `modelBasedHierarchical(X).init(k)` (kept out of the string names so that a bundle of
 * `GaussianMixture` carries no hierarchical clustering unless it is used).
 */
export interface LabelsInit {
  /** A start from a partition of the rows (one M-step from it). */
  readonly kind: 'labels';
  /** One label in [0, nClusters) per row. */
  readonly labels: ArrayLike<number>;
}

const gaussianInits: readonly GaussianInit[] = [
  'k-means',
  'k-means++',
  'random',
  'random-from-data',
];

/** Options of `GaussianMixture`: scikit-learn's `GaussianMixture` parameters in mixkit's names. */
export interface GaussianMixtureOptions<T extends CovarianceType = 'full'> {
  /** Number of components (`n_components`). Default 1. */
  readonly nClusters?: number;
  /** Default `'full'`. */
  readonly covarianceType?: T;
  /**
   * Added to covariance diagonals (`reg_covar`): a number (scikit-learn's meaning), one number
   * per column, or `{ relative: r }`, r times each column's variance in the data being fitted
   * (for columns on very different scales, where an absolute 1e-6 swamps the small ones; a
   * regularisation at least a column's variance is reported in `diagnostics.warnings`).
   * Default 1e-6.
   */
  readonly regCovar?: RegCovar;
  /** Convergence threshold on the mean log-likelihood change (`tol`). Default 1e-3; 0 = fixed iterations. */
  readonly tolerance?: number;
  /** Iterations per restart (`max_iter`). Default 100. */
  readonly maxIterations?: number;
  /** Restarts (`n_init`). Default 1. */
  readonly nInit?: number;
  /**
   * Initialisation (`init_params`), or given labels. Default `'k-means++'` (each component from
   * one k-means++ seed row; scikit-learn's own default is `'kmeans'`): over seeds 0..6 its best of
   * 10 starts is at least scikit-learn's default best of 10 on every data set of the study in the
   * README, where `'k-means'` fell short on 64-column data.
   */
  readonly init?: GaussianInit | LabelsInit;
  /** k initial mixing weights summing to 1 (`weights_init`). */
  readonly weightsInit?: ArrayLike<number>;
  /** k x d initial means (`means_init`). */
  readonly meansInit?: MatrixInput;
  /**
   * Initial precisions (`precisions_init`): k x d x d (full), d x d (tied), k x d (diag), k
   * (spherical).
   */
  readonly precisionsInit?: PrecisionsInput[T];
  /** Rows per block of the fused E/M pass. Default 16384 / k, clamped to [64, 1024]. */
  readonly blockSize?: number;
  /**
   * Missing cells (NaN; scikit-learn has no counterpart). `'error'` (default): NaN is rejected,
   * located. `'marginalize'`: NaN cells are missing at random and are marginalised out: each
   * E-step uses the marginal density of a row's observed cells, each M-step the conditional
   * expectation of its missing coordinates and the covariance correction (Ghahramani & Jordan
   * 1994); the fitted model scores rows with missing cells the same way. See `@mixkit/em`'s
   * `EmSettings.missing`.
   */
  readonly missing?: MissingPolicy;
}

/**
 * A Gaussian mixture with scikit-learn's options and attributes, on the generic EM runner of
 * `@mixkit/em`: the covariance type only chooses the component family (`gaussianFamily` of
 * `@mixkit/distributions`). The seed, sample weights and abort signal go to `fit`.
 */
export class GaussianMixture<T extends CovarianceType = 'full'>
  implements SoftClusterer<GaussianMixtureModel<T>>
{
  readonly nClusters: number;
  /** The covariance type of every component (scikit-learn's `covariance_type`). */
  readonly covarianceType: T;
  /** What NaN in the data means (the `missing` option, default `'error'`). */
  readonly missing: MissingPolicy;
  private readonly options: GaussianMixtureOptions<T>;

  constructor(options: GaussianMixtureOptions<T> = {}) {
    this.options = options;
    this.nClusters = options.nClusters ?? 1;
    assertInteger(this.nClusters, 'nClusters', 1);
    const covarianceType: CovarianceType = options.covarianceType ?? 'full';
    if (!covarianceTypes.includes(covarianceType)) {
      throw new InvalidInputError(
        { argument: 'covarianceType', value: covarianceType },
        "expected 'full', 'diag', 'spherical' or 'tied'",
      );
    }
    // Without the option T is its default, 'full'.
    this.covarianceType = covarianceType as T;
    const init = options.init ?? 'k-means++';
    if (typeof init === 'string' && !gaussianInits.includes(init)) {
      throw new InvalidInputError(
        { argument: 'init', value: init },
        `expected one of ${gaussianInits.join(', ')}`,
      );
    }
    // Validates regCovar (typed errors naming it) once, at construction.
    gaussianFamily(covarianceType, { regCovar: options.regCovar ?? 1e-6 });
    this.missing = resolveMissingPolicy(options.missing);
    if (options.weightsInit !== undefined) checkWeights(options.weightsInit, this.nClusters);
  }

  /**
   * Runs EM on `X` with Gaussian components of `covarianceType` and the constructor's settings,
   * as scikit-learn's `GaussianMixture.fit` does, and returns the fitted model.
   */
  fit(X: MatrixInput, options: MixtureFitOptions = {}): GaussianMixtureModel<T> {
    const data = this.coerce(X);
    const model = fitMixture(data, this.fitOptions(data, options));
    return GaussianMixtureModel.fromMixture(this.covarianceType, model);
  }

  /** `fit` that yields to the event loop between iterations (see `fitMixtureAsync`). */
  async fitAsync(
    X: MatrixInput,
    options: MixtureFitOptions = {},
  ): Promise<GaussianMixtureModel<T>> {
    const data = this.coerce(X);
    const model = await fitMixtureAsync(data, this.fitOptions(data, options));
    return GaussianMixtureModel.fromMixture(this.covarianceType, model);
  }

  /** Labels of the training rows after fitting (equal to `fit(X).predict(X)`). */
  fitPredict(X: MatrixInput, options: MixtureFitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }

  /**
   * X as a `Matrix` for reading its shape; the values are checked once, by the EM runner's
   * workspace (checking them here too cost a second pass over the data per fit).
   */
  private coerce(X: MatrixInput): Matrix {
    return toMatrix(X, { missing: this.missing, checkFinite: false });
  }

  private fitOptions(
    data: Matrix,
    options: MixtureFitOptions,
  ): FitMixtureOptions<GaussianFamily<T>> {
    const o = this.options;
    return {
      family: gaussianFamily(this.covarianceType, { regCovar: o.regCovar ?? 1e-6 }),
      nClusters: this.nClusters,
      init: this.init(data),
      ...(o.tolerance === undefined ? {} : { tolerance: o.tolerance }),
      ...(o.maxIterations === undefined ? {} : { maxIterations: o.maxIterations }),
      ...(o.nInit === undefined ? {} : { nInit: o.nInit }),
      ...(o.blockSize === undefined ? {} : { blockSize: o.blockSize }),
      missing: this.missing,
      ...options,
    };
  }

  /**
   * scikit-learn's `_initialize`: given weights, means and precisions replace those of the
   * `init` start; with all three given the start is not computed at all.
   */
  private init(data: Matrix): MixtureInit<GaussianParamsByType[T]> {
    const { weightsInit, meansInit, precisionsInit } = this.options;
    const d = data.cols;
    const base: MixtureInit<GaussianParamsByType[T]> = this.options.init ?? 'k-means++';
    if (weightsInit === undefined && meansInit === undefined && precisionsInit === undefined) {
      return base;
    }
    const k = this.nClusters;
    const strategy = covarianceStrategyFor(this.covarianceType);
    const means =
      meansInit === undefined ? undefined : toMatrix(meansInit, { argument: 'meansInit', cols: d });
    if (means !== undefined && means.rows !== k) {
      throw new InvalidInputError(
        { argument: 'meansInit', value: means.rows },
        `expected ${k} rows (one per component)`,
      );
    }
    const weights = weightsInit === undefined ? undefined : Float64Array.from(weightsInit);
    if (means !== undefined && precisionsInit !== undefined && weights !== undefined) {
      return { kind: 'params', params: strategy.fromPrecisions(means, precisionsInit), weights };
    }
    return {
      kind: 'adjusted',
      base,
      adjust(start) {
        const startMeans = { rows: k, cols: d, data: new Float64Array(k * d) };
        start.params.forEach((params, c) => {
          startMeans.data.set(params.mean, c * d);
        });
        const useMeans = means ?? startMeans;
        const params =
          precisionsInit !== undefined
            ? strategy.fromPrecisions(useMeans, precisionsInit)
            : means === undefined
              ? start.params
              : start.params.map((p, c) =>
                  strategy.withMean(p, means.data.subarray(c * d, (c + 1) * d)),
                );
        return { params, weights: weights ?? start.weights };
      },
    };
  }
}

/** scikit-learn's `_check_weights`: k values in [0, 1] summing to 1. */
function checkWeights(weights: ArrayLike<number>, k: number): void {
  const argument = 'weightsInit';
  if (weights.length !== k) {
    throw new InvalidInputError({ argument, value: weights.length }, `expected ${k} weights`);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const w = weights[c];
    if (!(w >= 0 && w <= 1))
      throw new InvalidInputError({ argument, row: c, value: w }, 'must be in [0, 1]');
    sum += w;
  }
  if (Math.abs(sum - 1) > 1e-6)
    throw new InvalidInputError({ argument, value: sum }, 'weights must sum to 1');
}
