import type { FitWarning, IterationProgress, RandomSource } from '@mixkit/core';
import { accumulatingComponents } from './accumulatingComponents.js';
import type { EmWorkspace } from './emWorkspace.js';
import { fusedPass } from './fusedPass.js';
import { initialize } from './init/initialize.js';
import { mStep } from './mStep.js';
import type { ResolvedEmSettings } from './resolveEmSettings.js';
import { RestartProgress } from './restartProgress.js';

/** What every EM iteration yields: the progress plus the parameters after its M-step. */
export interface EmStep extends IterationProgress {
  /** Parameters after this iteration's M-step (owned by the runner; do not modify). */
  readonly params: readonly unknown[];
  /** Log mixing weights after this iteration's M-step (owned by the runner). */
  readonly logWeights: Float64Array;
}

/** The outcome of one restart. */
export interface EmRestartResult {
  readonly params: unknown[];
  readonly logWeights: Float64Array;
  /** Mean log-likelihood per sample of the final parameters (the final E-step). */
  readonly finalObjective: number;
  /** Objective of each iteration: mean log-likelihood of the parameters it started from. */
  readonly objective: number[];
  readonly converged: boolean;
  readonly iterations: number;
  readonly warnings: FitWarning[];
}

/**
 * One EM restart as a step generator (the template method after scikit-learn's `fit_predict`):
 * initialise, then per iteration one fused E/accumulate pass (giving the mean log-likelihood
 * of the current parameters) and one M-step, yielding after each; stop when the objective
 * changes by less than `tol` or after `maxIterations`; finish with a scoring pass (the final
 * E-step) so the result's objective is that of the returned parameters.
 */
export function* runRestart(
  workspace: EmWorkspace,
  settings: ResolvedEmSettings,
  restart: number,
  random: RandomSource,
): Generator<EmStep, EmRestartResult, void> {
  const warnings: FitWarning[] = [];
  const { params, logWeights } = initialize(
    workspace,
    settings.init,
    random,
    settings,
    restart,
    warnings,
  );
  const rowScores = workspace.rowScores;
  const accumulateMask = accumulatingComponents(workspace.families, settings.frozen);
  const progress = new RestartProgress(settings, restart);
  while (progress.next()) {
    const current =
      fusedPass(workspace, params, logWeights, accumulateMask, rowScores, settings.estep) /
      workspace.totalWeight;
    mStep(workspace, params, logWeights, settings, {
      restart,
      iteration: progress.iteration,
      rowScores,
      warnings,
    });
    yield progress.record(current, params, logWeights);
  }
  progress.finish(warnings);
  const finalObjective =
    fusedPass(workspace, params, logWeights, undefined, undefined, settings.estep) /
    workspace.totalWeight;
  return progress.result(params, logWeights, finalObjective, warnings);
}
