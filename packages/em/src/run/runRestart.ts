import type { FitWarning, RandomSource } from '@mixkit/core';
import { fusedPass } from '../estep/fusedPass.js';
import { initialize } from '../init/initialize.js';
import { accumulatingComponents } from '../mstep/accumulatingComponents.js';
import { logPriorTerm } from '../mstep/logPriorTerm.js';
import { mStep } from '../mstep/mStep.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { EmRestartResult, EmStep } from './emStep.js';
import type { ResolvedEmSettings } from './resolveEmSettings.js';
import { RestartProgress } from './restartProgress.js';

/**
 * One EM restart as a step generator (the template method after scikit-learn's `fit_predict`):
 * initialise, then per iteration one fused E/accumulate pass (giving the mean log-likelihood
 * of the current parameters) and one M-step, yielding after each; stop when the objective
 * changes by less than `tolerance` or after `maxIterations`; finish with a scoring pass (the final
 * E-step) so the result's objective is that of the returned parameters. The objective is the
 * one the M-step maximises: the log-likelihood plus the priors' log density (`logPriorTerm`;
 * nothing for maximum-likelihood families), per unit of total weight.
 */
export function* runRestart<Params = unknown>(
  workspace: EmWorkspace,
  settings: ResolvedEmSettings,
  restart: number,
  random: RandomSource,
): Generator<EmStep<Params>, EmRestartResult<Params>, void> {
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
  const progress = new RestartProgress<Params>(settings, restart, workspace);
  const { families, totalWeight } = workspace;
  const objective = (logLikelihood: number): number =>
    (logLikelihood + logPriorTerm(families, params, logWeights, settings.weightConcentration)) /
    totalWeight;
  while (progress.next()) {
    const current = objective(
      fusedPass(workspace, params, logWeights, accumulateMask, rowScores, settings.estep),
    );
    mStep(workspace, params, logWeights, settings, {
      restart,
      iteration: progress.iteration,
      rowScores,
      warnings,
    });
    yield progress.record(current, params, logWeights);
  }
  progress.finish(warnings);
  const finalObjective = objective(
    fusedPass(workspace, params, logWeights, undefined, undefined, settings.estep),
  );
  return progress.result(params, logWeights, finalObjective, warnings);
}
