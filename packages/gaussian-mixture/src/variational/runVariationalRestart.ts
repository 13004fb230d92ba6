import {
  type FitWarning,
  type RandomSource,
  reportStep,
  type ShardHandle,
  type ShardProgram,
} from '@mixkit/core';
import type { CovarianceType, GaussianParamsByType, GaussianStats } from '@mixkit/distributions';
import {
  type EmPassInput,
  type EmPassOutput,
  type EmStep,
  type EmWorkspace,
  emPass,
  initializeProgram,
  type MixtureInit,
  RestartProgress,
} from '@mixkit/em';
import { lowerBound } from './lowerBound.js';
import {
  expectedLogWeights,
  logDensityShifts,
  updatePosterior,
  type VariationalPosterior,
} from './variationalPosterior.js';
import type { VariationalPrior, WeightPrior } from './variationalPrior.js';
import type { WishartStrategy } from './wishart/wishartStrategy.js';

/** Fixed settings of one variational fit. */
export interface VariationalSettings<T extends CovarianceType> {
  readonly init: MixtureInit;
  readonly prior: VariationalPrior;
  readonly weightPrior: WeightPrior;
  readonly wishart: WishartStrategy<T>;
  readonly regCovar: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** The outcome of one restart. */
export interface VariationalRestartResult<T extends CovarianceType> {
  readonly posterior: VariationalPosterior<T>;
  readonly lowerBound: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly objective: readonly number[];
  readonly warnings: FitWarning[];
}

/**
 * One restart of variational inference for a Bayesian Gaussian mixture (scikit-learn's
 * `BayesianGaussianMixture.fit_predict`), as a shard program like em's `runRestart`: the
 * initial statistics of the init strategy give the first posterior (a k-means start runs on the
 * fit's executor); then per iteration one E-step/accumulate pass under the posterior's expected
 * parameters, the entropy of its responsibilities, the variational M-step, and the lower bound,
 * which must change by less than `tolerance` to stop. The pass is em's (`emPass` over the
 * session `passes` of `@mixkit/em:pass`): the variational E-step is the covariance type's
 * Gaussian family at the posterior's (mₖ, Sₖ) with E[log πₖ] plus the Wishart correction as the
 * log-weight (`expectations`), so its shards run on any executor and merge in shard order.
 */
export function* runVariationalRestart<T extends CovarianceType>(
  workspace: EmWorkspace,
  passes: ShardHandle<EmPassInput, EmPassOutput>,
  settings: VariationalSettings<T>,
  restart: number,
  random: RandomSource,
): ShardProgram<EmStep<GaussianParamsByType[T]>, VariationalRestartResult<T>> {
  const warnings: FitWarning[] = [];
  yield* initializeProgram(
    workspace,
    settings.init,
    random,
    initialMStep(workspace.k),
    restart,
    warnings,
  );
  let posterior = mStep(workspace, settings);
  const progress = new RestartProgress<GaussianParamsByType[T]>(settings, restart, workspace);
  const everyComponent = new Uint8Array(workspace.k).fill(1);
  let bound = Number.NEGATIVE_INFINITY;
  while (progress.next()) {
    const current = expectations(posterior, workspace.d);
    const logLikelihood = yield* emPass(
      workspace,
      passes,
      current.params,
      current.logWeights,
      everyComponent,
      false,
      'soft',
    );
    const entropy = responsibilityEntropy(workspace, settings.wishart, current, logLikelihood);
    posterior = mStep(workspace, settings);
    bound = lowerBound(posterior, entropy, settings.wishart, workspace.d);
    const next = expectations(posterior, workspace.d);
    yield* reportStep(progress.record(bound, next.params, next.logWeights));
  }
  progress.finish(warnings);
  return {
    posterior,
    lowerBound: bound,
    converged: progress.converged,
    iterations: progress.iteration,
    objective: progress.objective,
    warnings,
  };
}

/** The variational M-step from the statistics and totals of the last pass. */
function mStep<T extends CovarianceType>(
  workspace: EmWorkspace,
  settings: VariationalSettings<T>,
): VariationalPosterior<T> {
  const stats = workspace.stats as GaussianStats[];
  return updatePosterior(
    stats,
    workspace.totals,
    settings.prior,
    settings.weightPrior,
    settings.wishart,
    settings.regCovar,
  );
}

/**
 * What the E-step reads: each component's Gaussian (mₖ, Sₖ), and as its log-weight E[log πₖ]
 * plus the constant that turns log N(x | mₖ, Sₖ) into E[log N(x | μₖ, Λₖ⁻¹)] (scikit-learn's
 * `_estimate_weighted_log_prob`).
 */
export function expectations<T extends CovarianceType>(
  posterior: VariationalPosterior<T>,
  d: number,
): { readonly params: GaussianParamsByType[T][]; readonly logWeights: Float64Array } {
  const logWeights = expectedLogWeights(posterior);
  const shifts = logDensityShifts(posterior, d);
  for (let k = 0; k < logWeights.length; k++) logWeights[k] += shifts[k];
  return { params: posterior.params, logWeights };
}

/**
 * −Σᵢₖ rᵢₖ log rᵢₖ of the pass's responsibilities without a second pass: with
 * wᵢₖ = log N(xᵢ | θₖ) + log-weightₖ, rᵢₖ log rᵢₖ = rᵢₖ (wᵢₖ − log Σₗ exp wᵢₗ), so the sum is
 * Σₖ (Σᵢ rᵢₖ log N(xᵢ | θₖ) + nₖ·log-weightₖ) − (the pass's log-likelihood), and the first term
 * comes from each component's statistics.
 */
function responsibilityEntropy<T extends CovarianceType>(
  workspace: EmWorkspace,
  wishart: WishartStrategy<T>,
  current: { readonly params: GaussianParamsByType[T][]; readonly logWeights: Float64Array },
  logLikelihood: number,
): number {
  let expected = 0;
  for (let k = 0; k < workspace.k; k++) {
    const stats = workspace.stats[k] as GaussianStats;
    expected += wishart.expectedLogDensity(stats, current.params[k]);
    if (workspace.totals[k] > 0) expected += workspace.totals[k] * current.logWeights[k];
  }
  return logLikelihood - expected;
}

/** The initial M-step's settings (its parameters are discarded: only its statistics are read). */
function initialMStep(k: number) {
  return { frozen: new Uint8Array(k), freezeWeights: false, weightConcentration: 1 };
}
