import {
  assertInteger,
  assertNumber,
  InvalidInputError,
  type MatrixInput,
  type RandomInput,
  type SoftClusterer,
  toMatrix,
} from '@mixkit/core';
import { fitMixture } from '../fitMixture.js';
import { fitMixtureAsync } from '../fitMixtureAsync.js';
import type { FitMixtureOptions } from '../iterateEm.js';
import type { MixtureFitOptions, MixtureInit } from '../mixtureOptions.js';
import type { CovarianceType } from './covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';
import { GaussianMixtureModel } from './gaussianMixtureModel.js';

/** scikit-learn's `init_params`. */
export type GaussianInitParams = 'kmeans' | 'k-means++' | 'random' | 'random_from_data';

/** Options of `GaussianMixture`, named after scikit-learn's `GaussianMixture` parameters. */
export interface GaussianMixtureOptions {
  /** Number of components (`n_components`). Default 1. */
  readonly nComponents?: number;
  /** Default `'full'`. */
  readonly covarianceType?: CovarianceType;
  /** Added to covariance diagonals (`reg_covar`). Default 1e-6. */
  readonly regCovar?: number;
  /** Convergence threshold on the mean log-likelihood change. Default 1e-3; 0 = fixed iterations. */
  readonly tol?: number;
  /** Iterations per restart (`max_iter`). Default 100. */
  readonly maxIter?: number;
  /** Restarts (`n_init`). Default 1. */
  readonly nInit?: number;
  /** Initialisation (`init_params`). Default `'kmeans'`. */
  readonly initParams?: GaussianInitParams;
  /** k initial mixing weights summing to 1 (`weights_init`). */
  readonly weightsInit?: ArrayLike<number>;
  /** k x d initial means (`means_init`). */
  readonly meansInit?: MatrixInput;
  /**
   * Initial precisions (`precisions_init`): k x d x d (full), d x d (tied), k x d (diag), k
   * (spherical).
   */
  readonly precisionsInit?: unknown;
  /** Seed or random source (`random_state`). Default seed 0. */
  readonly random?: RandomInput;
  /** Rows per block of the fused E/M pass. Default 16384 / k, clamped to [64, 1024]. */
  readonly blockSize?: number;
}

const initNames: Readonly<Record<GaussianInitParams, MixtureInit>> = {
  kmeans: 'kmeans',
  'k-means++': 'k-means++',
  random: 'random',
  random_from_data: 'random-from-data',
};

/**
 * A Gaussian mixture with scikit-learn's options and attributes, on the generic EM runner:
 * the covariance type only chooses the component family (`gaussianFull`, `gaussianDiag`,
 * `gaussianSpherical`, `gaussianTied` from `@mixkit/distributions`).
 */
export class GaussianMixture implements SoftClusterer<GaussianMixtureModel> {
  readonly nClusters: number;
  readonly covarianceType: CovarianceType;
  private readonly options: GaussianMixtureOptions;

  constructor(options: GaussianMixtureOptions = {}) {
    this.options = options;
    this.nClusters = options.nComponents ?? 1;
    assertInteger(this.nClusters, 'nComponents', 1);
    this.covarianceType = options.covarianceType ?? 'full';
    if (!['full', 'diag', 'spherical', 'tied'].includes(this.covarianceType)) {
      throw new InvalidInputError(
        { argument: 'covarianceType', value: this.covarianceType },
        "expected 'full', 'diag', 'spherical' or 'tied'",
      );
    }
    const initParams = options.initParams ?? 'kmeans';
    if (!(initParams in initNames)) {
      throw new InvalidInputError(
        { argument: 'initParams', value: initParams },
        "expected 'kmeans', 'k-means++', 'random' or 'random_from_data'",
      );
    }
    assertNumber(options.regCovar ?? 1e-6, 'regCovar', { min: 0 });
    if (options.weightsInit !== undefined) checkWeights(options.weightsInit, this.nClusters);
  }

  fit(X: MatrixInput, options: MixtureFitOptions = {}): GaussianMixtureModel {
    const data = toMatrix(X);
    return GaussianMixtureModel.fromMixture(fitMixture(data, this.fitOptions(data, options)));
  }

  /** `fit` that yields to the event loop between iterations (see `fitMixtureAsync`). */
  async fitAsync(X: MatrixInput, options: MixtureFitOptions = {}): Promise<GaussianMixtureModel> {
    const data = toMatrix(X);
    return GaussianMixtureModel.fromMixture(
      await fitMixtureAsync(data, this.fitOptions(data, options)),
    );
  }

  /** Labels of the training rows after fitting (equal to `fit(X).predict(X)`). */
  fitPredict(X: MatrixInput, options: MixtureFitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }

  private fitOptions(
    X: { rows: number; cols: number },
    options: MixtureFitOptions,
  ): FitMixtureOptions {
    const o = this.options;
    return {
      family: covarianceStrategyFor(this.covarianceType).family(o.regCovar ?? 1e-6),
      nComponents: this.nClusters,
      init: this.init(X.cols),
      ...(o.tol === undefined ? {} : { tol: o.tol }),
      ...(o.maxIter === undefined ? {} : { maxIterations: o.maxIter }),
      ...(o.nInit === undefined ? {} : { nInit: o.nInit }),
      ...(o.blockSize === undefined ? {} : { blockSize: o.blockSize }),
      ...options,
      random: options.random ?? o.random,
    };
  }

  /**
   * scikit-learn's `_initialize`: given weights, means and precisions replace those of the
   * `initParams` start; with all three given the start is not computed at all.
   */
  private init(d: number): MixtureInit {
    const { weightsInit, meansInit, precisionsInit } = this.options;
    const base = initNames[this.options.initParams ?? 'kmeans'];
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
          startMeans.data.set((params as { mean: Float64Array }).mean, c * d);
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
    const w = weights[c]!;
    if (!(w >= 0 && w <= 1))
      throw new InvalidInputError({ argument, row: c, value: w }, 'must be in [0, 1]');
    sum += w;
  }
  if (Math.abs(sum - 1) > 1e-6)
    throw new InvalidInputError({ argument, value: sum }, 'weights must sum to 1');
}
