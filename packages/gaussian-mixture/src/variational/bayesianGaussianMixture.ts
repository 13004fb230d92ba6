import {
  assertInteger,
  assertNumber,
  type FitOptions,
  InvalidInputError,
  type MatrixInput,
  Pacer,
  throwIfAborted,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import {
  type CovarianceType,
  covarianceTypes,
  type GaussianParamsByType,
  gaussianFamily,
} from '@mixkit/distributions';
import { createEmWorkspace, type EmStep, type MixtureInit } from '@mixkit/em';
import type { GaussianInit, LabelsInit } from '../gaussianMixture.js';
import { BayesianGaussianMixtureModel } from './bayesianGaussianMixtureModel.js';
import { runVariationalRestart, type VariationalRestartResult } from './runVariationalRestart.js';
import {
  resolveVariationalPrior,
  type VariationalPriorOptions,
  type WeightPrior,
} from './variationalPrior.js';
import { wishartFor } from './wishart/wishartFor.js';

/** Options of `BayesianGaussianMixture`: scikit-learn's parameters in mixkit's names. */
export interface BayesianGaussianMixtureOptions<T extends CovarianceType = 'full'>
  extends VariationalPriorOptions {
  /** Components (an upper bound: the posterior leaves the ones it does not need empty). Default 1. */
  readonly nClusters?: number;
  /** Default `'full'`. */
  readonly covarianceType?: T;
  /** `weight_concentration_prior_type`. Default `'dirichlet-process'`. */
  readonly weightPrior?: WeightPrior;
  /** `reg_covar`. Default 1e-6. */
  readonly regCovar?: number;
  /** Change of the lower bound that stops the iterations (`tol`). Default 1e-3. */
  readonly tolerance?: number;
  /** `max_iter`. Default 100. */
  readonly maxIterations?: number;
  /** Restarts; the highest lower bound wins (`n_init`). Default 1. */
  readonly nInit?: number;
  /**
   * How the responsibilities start (`init_params`), or given labels (e.g. mclust's start,
   * `modelBasedHierarchical(X).init(k)`). Default `'k-means'`.
   */
  readonly init?: GaussianInit | LabelsInit;
}

/**
 * Variational Bayesian Gaussian mixture (scikit-learn's `BayesianGaussianMixture`; Bishop 2006,
 * §10.2; Blei & Jordan 2006 for the Dirichlet process): a Dirichlet-distribution or
 * stick-breaking Dirichlet-process prior on the weights and Gaussian–Wishart priors on the
 * components, fitted by coordinate ascent on the evidence lower bound. The passes over the data
 * are em's (`fusedPass` with the covariance type's Gaussian family and its statistics); only the
 * M-step and the bound are variational (`runVariationalRestart`).
 */
export class BayesianGaussianMixture<T extends CovarianceType = 'full'> {
  /** Components fitted (an upper bound on those the posterior uses). */
  readonly nClusters: number;
  /** The covariance type of every component. */
  readonly covarianceType: T;
  /** The prior on the mixing weights. */
  readonly weightPrior: WeightPrior;
  private readonly options: BayesianGaussianMixtureOptions<T>;

  constructor(options: BayesianGaussianMixtureOptions<T> = {}) {
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
    this.weightPrior = options.weightPrior ?? 'dirichlet-process';
    if (this.weightPrior !== 'dirichlet-process' && this.weightPrior !== 'dirichlet-distribution') {
      throw new InvalidInputError(
        { argument: 'weightPrior', value: this.weightPrior },
        "expected 'dirichlet-process' or 'dirichlet-distribution'",
      );
    }
    assertNumber(options.regCovar ?? 1e-6, 'regCovar', { min: 0 });
    assertNumber(options.tolerance ?? 1e-3, 'tolerance', { min: 0 });
    assertInteger(options.maxIterations ?? 100, 'maxIterations', 0);
    assertInteger(options.nInit ?? 1, 'nInit', 1);
  }

  /** Fits the posterior; restarts draw from `random` (a seed or `RandomSource`, default seed 0). */
  fit(X: MatrixInput, options: FitOptions = {}): BayesianGaussianMixtureModel<T> {
    const steps = this.iterate(X, options);
    let step = steps.next();
    while (!step.done) {
      throwIfAborted(options.signal, 'BayesianGaussianMixture.fit');
      step = steps.next();
    }
    return step.value;
  }

  /**
   * `fit` that yields to the event loop whenever 25 ms of work have passed (checked after every
   * iteration), calling `onIteration` with each step, so `signal` stops it soon after an abort
   * and a page stays responsive. It runs in the caller's thread (its passes are not shard tasks
   * yet), with the same result, bit for bit, as `fit`.
   */
  async fitAsync(
    X: MatrixInput,
    options: FitOptions = {},
  ): Promise<BayesianGaussianMixtureModel<T>> {
    const pacer = new Pacer(25, 'BayesianGaussianMixture.fit');
    const steps = this.iterate(X, options);
    for (;;) {
      await pacer.tick(options.signal);
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
    }
  }

  /**
   * The fit as a step generator (as em's `iterateEm`): it yields after every iteration of every
   * restart (the step's `objective` is the lower bound) and returns the model of the restart
   * with the highest lower bound.
   */
  *iterate(
    X: MatrixInput,
    options: FitOptions = {},
  ): Generator<EmStep<GaussianParamsByType[T]>, BayesianGaussianMixtureModel<T>, void> {
    throwIfAborted(options.signal, 'BayesianGaussianMixture.fit');
    const data = toMatrix(X);
    const o = this.options;
    const k = this.nClusters;
    const regCovar = o.regCovar ?? 1e-6;
    const family = gaussianFamily(this.covarianceType, { regCovar });
    const workspace = createEmWorkspace(data, new Array(k).fill(family), {
      sampleWeight: options.sampleWeight,
    });
    const settings = {
      init: this.init(),
      prior: resolveVariationalPrior(data, k, this.covarianceType, o),
      weightPrior: this.weightPrior,
      wishart: wishartFor(this.covarianceType),
      regCovar,
      maxIterations: o.maxIterations ?? 100,
      tolerance: o.tolerance ?? 1e-3,
    };
    const random = toRandom(options.random);
    let best: VariationalRestartResult<T> | undefined;
    for (let restart = 0; restart < (o.nInit ?? 1); restart++) {
      const result = yield* runVariationalRestart(workspace, settings, restart, random.split());
      if (best === undefined || result.lowerBound > best.lowerBound) best = result;
    }
    if (best === undefined) throw new InvalidInputError({ argument: 'nInit' }, 'no restart ran');
    const model = new BayesianGaussianMixtureModel(
      this.covarianceType,
      this.weightPrior,
      best.posterior,
      new Float64Array(k),
      best,
    );
    return new BayesianGaussianMixtureModel(
      this.covarianceType,
      this.weightPrior,
      best.posterior,
      columnSums(model.predictProba(data), options.sampleWeight),
      best,
    );
  }

  /** Labels of the training rows after fitting (scikit-learn's `fit_predict`). */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }

  private init(): MixtureInit {
    return this.options.init ?? 'k-means';
  }
}

/** Σᵢ wᵢ rᵢₖ: the expected rows per component. */
function columnSums(
  responsibilities: { rows: number; cols: number; data: Float64Array },
  sampleWeight: ArrayLike<number> | undefined,
): Float64Array {
  const { rows, cols, data } = responsibilities;
  const sums = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight === undefined ? 1 : sampleWeight[i];
    for (let c = 0; c < cols; c++) sums[c] += w * data[i * cols + c];
  }
  return sums;
}
