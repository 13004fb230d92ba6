import type { AnyComponentFamily, FitDiagnostics, FitWarning, MissingPolicy } from '@mixkit/core';
import { MixtureModel } from '../model/mixtureModel.js';
import type { EmRestartResult } from './emStep.js';

/**
 * Keeps the best of `nInit` restarts (the highest final mean log-likelihood; the first on a
 * tie, as scikit-learn's `lower_bound > max_lower_bound`) and gathers what the diagnostics
 * report about all of them. Shared by `iterateEm` and `iterateEmStream`.
 */
export class RestartSelection<Params = unknown> {
  /** Warnings of every restart in order (a runner may also push to it while a restart runs). */
  readonly warnings: FitWarning[] = [];
  private readonly restartObjectives: number[] = [];
  private best: EmRestartResult<Params> | undefined;
  private bestRestart = 0;

  /** Adds a finished restart: its warnings, its final objective and whether it is the best. */
  add(restart: number, result: EmRestartResult<Params>): void {
    this.warnings.push(...result.warnings);
    this.restartObjectives.push(result.finalObjective);
    if (this.best === undefined || result.finalObjective > this.best.finalObjective) {
      this.best = result;
      this.bestRestart = restart;
    }
  }

  /** The fitted model of the best restart (call after at least one `add`). */
  model(
    families: readonly AnyComponentFamily[],
    dimension: number,
    missing: MissingPolicy = 'error',
  ): MixtureModel<Params> {
    const best = this.best!;
    const diagnostics: FitDiagnostics = {
      converged: best.converged,
      iterations: best.iterations,
      objective: best.objective,
      bestRestart: this.bestRestart,
      restartObjectives: this.restartObjectives,
      warnings: this.warnings,
    };
    return new MixtureModel<Params>(
      families,
      best.params,
      best.logWeights,
      dimension,
      diagnostics,
      missing,
    );
  }
}
