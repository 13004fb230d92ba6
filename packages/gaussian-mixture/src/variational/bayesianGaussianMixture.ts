import {
  assertInteger,
  assertNoWorkers,
  assertNumber,
  type FitOptions,
  InvalidInputError,
  type MatrixInput,
  type RestartPlacement,
  runShardProgram,
  runShardProgramSync,
  type ShardProgram,
  throwIfAborted,
} from '@mixkit/core';
import {
  type CovarianceType,
  covarianceTypes,
  type GaussianParamsByType,
} from '@mixkit/distributions';
import type { EmStep } from '@mixkit/em';
import type { GaussianInit, LabelsInit } from '../gaussianMixture.js';
import type { BayesianGaussianMixtureModel } from './bayesianGaussianMixtureModel.js';
import type { VariationalPriorOptions, WeightPrior } from './variationalPrior.js';
import { type VariationalMixtureSpec, variationalProgram } from './variationalProgram.js';
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
 * are em's pass task (`@mixkit/em:pass` with the covariance type's Gaussian family and its
 * statistics) over fixed shards, on any executor; only the M-step and the bound are variational
 * (`runVariationalRestart`, `variationalProgram`).
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

  /**
   * Fits the posterior in the caller's thread; restarts draw from `random` (a seed or
   * `RandomSource`, default seed 0). Calls `onIteration` after every iteration and checks
   * `signal` between iterations; an `executor` with workers is refused (use `fitAsync`).
   */
  fit(X: MatrixInput, options: FitOptions = {}): BayesianGaussianMixtureModel<T> {
    assertNoWorkers(options.executor, 'BayesianGaussianMixture.fit');
    const steps = this.iterate(X, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      options.onIteration?.(step.value);
      throwIfAborted(options.signal, 'BayesianGaussianMixture.fit');
    }
  }

  /**
   * `fit` on `options.executor` (the caller's thread by default, or a worker pool from
   * `@mixkit/workers`), as `GaussianMixture.fitAsync`: the passes over rows (the variational
   * E-step and the accumulation of its statistics) run as em's pass task over fixed shards,
   * merged in shard order, so the result is `fit`'s, bit for bit, with any number of workers.
   * It yields to the event loop whenever 25 ms of work in the caller's thread have passed
   * (between iterations, between shards run there and inside the k-means start), calling
   * `onIteration` with each step, and rejects with `AbortedError` within about 100 ms of
   * `signal` aborting. On small data (passes of one shard) with several seeded restarts, a
   * built-in `init`, 2 or more workers and no `onIteration`, the restarts after the first run
   * in parallel on the workers when they would take at least 20 ms
   * (`@mixkit/gaussian-mixture:variational-restart`).
   */
  async fitAsync(
    X: MatrixInput,
    options: FitOptions = {},
  ): Promise<BayesianGaussianMixtureModel<T>> {
    const placement =
      (options.executor?.workers ?? 0) >= 2 && options.onIteration === undefined
        ? 'auto'
        : 'sequential';
    return runShardProgram(this.fitProgram(X, options, placement), {
      executor: options.executor,
      signal: options.signal,
      onStep: options.onIteration,
      what: 'BayesianGaussianMixture.fit',
    });
  }

  /**
   * The fit as a step generator in the caller's thread (as em's `iterateEm`): it yields after
   * every iteration of every restart (the step's `objective` is the lower bound) and returns
   * the model of the restart with the highest lower bound.
   */
  *iterate(
    X: MatrixInput,
    options: FitOptions = {},
  ): Generator<EmStep<GaussianParamsByType[T]>, BayesianGaussianMixtureModel<T>, void> {
    return yield* runShardProgramSync(this.fitProgram(X, options));
  }

  /**
   * The fit as a shard program (what `fit`, `iterate` and `fitAsync` drive; see core's
   * `Clusterer`). Unless `restarts` is `'sequential'`, small data and several seeded restarts
   * with a built-in `init` run restart 0 here and the others as
   * `@mixkit/gaussian-mixture:variational-restart`, one restart per shard (`'parallel'`: always;
   * `'auto'`: when restart 0's time says they take at least 20 ms); the winner is the same bits.
   */
  fitProgram(
    X: MatrixInput,
    options: FitOptions = {},
    restarts: RestartPlacement = 'sequential',
  ): ShardProgram<EmStep<GaussianParamsByType[T]>, BayesianGaussianMixtureModel<T>> {
    return variationalProgram(this.spec(), X, options, restarts);
  }

  /** Labels of the training rows after fitting (scikit-learn's `fit_predict`). */
  fitPredict(X: MatrixInput, options: FitOptions = {}): Int32Array {
    return this.fit(X, options).predict(X);
  }

  private spec(): VariationalMixtureSpec<T> {
    const { nClusters, covarianceType, weightPrior, options } = this;
    return { nClusters, covarianceType, weightPrior, options };
  }
}
