import {
  type FitWarning,
  type RandomSource,
  reportStep,
  type ShardHandle,
  type ShardProgram,
} from '@mixkit/core';
import { emPass } from '../estep/emPass.js';
import type { EmPassInput, EmPassOutput } from '../estep/emPassTask.js';
import { initializeProgram } from '../init/initialize.js';
import { accumulatingComponents } from '../mstep/accumulatingComponents.js';
import { logPriorTerm } from '../mstep/logPriorTerm.js';
import { mStep } from '../mstep/mStep.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { EmRestartResult, EmStep } from './emStep.js';
import type { ResolvedEmSettings } from './resolveEmSettings.js';
import { RestartProgress } from './restartProgress.js';

/**
 * One EM restart as a shard program (the template method after scikit-learn's `fit_predict`):
 * initialise, then per iteration one E/accumulate pass over the shards (giving the mean
 * log-likelihood of the current parameters) and one M-step, reporting a step after each; stop
 * when the objective changes by less than `tolerance` or after `maxIterations`; finish with a
 * scoring pass (the final E-step) so the result's objective is that of the returned parameters.
 * The objective is the one the M-step maximises: the log-likelihood plus the priors' log density
 * (`logPriorTerm`; nothing for maximum-likelihood families), per unit of total weight.
 */
export function* runRestart<Params = unknown>(
  workspace: EmWorkspace,
  passes: ShardHandle<EmPassInput, EmPassOutput>,
  settings: ResolvedEmSettings,
  restart: number,
  random: RandomSource,
): ShardProgram<EmStep<Params>, EmRestartResult<Params>> {
  const warnings: FitWarning[] = [];
  const { params, logWeights } = yield* initializeProgram(
    workspace,
    settings.init,
    random,
    settings,
    restart,
    warnings,
  );
  const accumulateMask = accumulatingComponents(workspace.families, settings.frozen);
  const progress = new RestartProgress<Params>(settings, restart, workspace);
  const { estep } = settings;
  const { families, totalWeight } = workspace;
  const objective = (logLikelihood: number): number =>
    (logLikelihood + logPriorTerm(families, params, logWeights, settings.weightConcentration)) /
    totalWeight;
  while (progress.next()) {
    const current = objective(
      yield* emPass(workspace, passes, params, logWeights, accumulateMask, true, estep),
    );
    mStep(workspace, params, logWeights, settings, {
      restart,
      iteration: progress.iteration,
      worst: workspace.worst,
      warnings,
    });
    yield* reportStep(progress.record(current, params, logWeights));
  }
  progress.finish(warnings);
  const finalObjective = objective(
    yield* emPass(workspace, passes, params, logWeights, undefined, false, estep),
  );
  return progress.result(params, logWeights, finalObjective, warnings);
}
