import {
  type FitWarning,
  type JsonValue,
  type Matrix,
  restartStream,
  type ShardTask,
} from '@mixkit/core';
import { type CovarianceType, gaussianFamily } from '@mixkit/distributions';
import { createEmWorkspace, type EmWorkspace, runRestartInThread } from '@mixkit/em';
import type { GaussianInit } from '../gaussianMixture.js';
import { posteriorFromJson, posteriorToJson } from './posteriorJson.js';
import {
  runVariationalRestart,
  type VariationalRestartResult,
  type VariationalSettings,
} from './runVariationalRestart.js';
import type { VariationalPrior, WeightPrior } from './variationalPrior.js';
import { wishartFor } from './wishart/wishartFor.js';

/** What a thread running whole variational restarts rebuilds its workspace and settings from. */
export interface VariationalRestartSetup {
  /** The data (rows in fit order). */
  readonly X: Matrix;
  /** Per-row weights, or undefined when all rows weigh 1. */
  readonly sampleWeight: Float64Array | undefined;
  /** Components (an upper bound on those the posterior uses). */
  readonly nClusters: number;
  /** The covariance type of every component. */
  readonly covarianceType: CovarianceType;
  /** The prior on the mixing weights. */
  readonly weightPrior: WeightPrior;
  /** The priors, resolved from the whole data in the fit's thread. */
  readonly prior: VariationalPrior;
  /** `reg_covar`. */
  readonly regCovar: number;
  /** Iterations per restart. */
  readonly maxIterations: number;
  /** Change of the lower bound that stops a restart. */
  readonly tolerance: number;
  /** A built-in start (given labels stay in the fit's thread). */
  readonly init: GaussianInit;
  /** Shard s runs restart `firstRestart + s` (the restarts before it ran in the fit's thread). */
  readonly firstRestart: number;
  /** Shard s's stream: `randomState` of the fit source's `split()` for its restart. */
  readonly randomStates: readonly (readonly number[])[];
}

/** One restart's outcome as it crosses threads: the posterior as plain JSON. */
export interface VariationalRestartOutput {
  /** `posteriorToJson` of the restart's posterior. */
  readonly posterior: JsonValue;
  /** Its final lower bound. */
  readonly lowerBound: number;
  /** Whether the lower bound settled within `maxIterations`. */
  readonly converged: boolean;
  /** Iterations run. */
  readonly iterations: number;
  /** The lower bound after each iteration. */
  readonly objective: readonly number[];
  /** The restart's warnings. */
  readonly warnings: readonly FitWarning[];
}

/** A thread's state: its workspace (the fit's own in the fit's thread) and the setup. */
export interface VariationalRestartState {
  readonly workspace: EmWorkspace;
  readonly setup: VariationalRestartSetup;
  readonly aborted: (() => boolean) | undefined;
}

/**
 * Whole variational restarts as shards (`@mixkit/gaussian-mixture:variational-restart`), for
 * small data, whose passes are one shard each and so never reach a worker, while the `nInit`
 * restarts are independent: shard s of a plan of one-row shards runs restart
 * `firstRestart + s` from its own stream, exactly as the fit's thread runs it (the same
 * `runVariationalRestart`, its passes one in-thread session of em's pass task over the same
 * shards). The fit's thread compares the outputs in restart order, so it keeps the sequential
 * fit's winner, bit for bit. In a worker an aborted round stops the restart at its next
 * iteration.
 */
export const variationalRestartTask: ShardTask<
  VariationalRestartSetup,
  undefined,
  VariationalRestartOutput,
  VariationalRestartState,
  EmWorkspace
> = {
  name: '@mixkit/gaussian-mixture:variational-restart',
  open(setup, context, _shards, local) {
    if (local !== undefined) return { workspace: local, setup, aborted: context.aborted };
    const family = gaussianFamily(setup.covarianceType, { regCovar: setup.regCovar });
    const workspace = createEmWorkspace(setup.X, new Array(setup.nClusters).fill(family), {
      sampleWeight: setup.sampleWeight,
    });
    return { workspace, setup, aborted: context.aborted };
  },
  run(state, _input, shard) {
    const { workspace, setup, aborted } = state;
    const restart = setup.firstRestart + shard.index;
    const random = restartStream(setup.randomStates, shard.index);
    const { covarianceType, init, prior, weightPrior, regCovar, maxIterations, tolerance } = setup;
    const settings = variationalSettings(covarianceType, {
      init,
      prior,
      weightPrior,
      regCovar,
      maxIterations,
      tolerance,
    });
    const { posterior, ...rest } = runRestartInThread(
      workspace,
      (passes) => runVariationalRestart(workspace, passes, settings, restart, random),
      aborted,
      'BayesianGaussianMixture.fit',
    );
    return { ...rest, posterior: posteriorToJson(setup.covarianceType, posterior) };
  },
};

/** The settings of a restart (the Wishart strategy chosen by covariance type, in any thread). */
export function variationalSettings<T extends CovarianceType>(
  covarianceType: T,
  fixed: Omit<VariationalSettings<T>, 'wishart'>,
): VariationalSettings<T> {
  return { ...fixed, wishart: wishartFor(covarianceType) };
}

/** A restart's outcome as the fit's thread keeps it: the posterior read back from its JSON. */
export function variationalRestartResult<T extends CovarianceType>(
  covarianceType: T,
  weightPrior: WeightPrior,
  output: VariationalRestartOutput,
): VariationalRestartResult<T> {
  return {
    ...output,
    posterior: posteriorFromJson(
      covarianceType,
      weightPrior,
      output.posterior,
      'variational restart',
    ),
    objective: [...output.objective],
    warnings: [...output.warnings],
  };
}
