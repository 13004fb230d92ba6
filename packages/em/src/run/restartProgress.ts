import type { AnyComponentFamily, FitWarning } from '@mixkit/core';
import { MixtureModel } from '../model/mixtureModel.js';
import type { EmRestartResult, EmStep } from './emStep.js';
import type { ResolvedEmSettings } from './resolveEmSettings.js';

/** What a step's `model()` needs besides the parameters. */
export interface StepModelParts {
  /** Each component's family, in mixture order. */
  readonly families: readonly AnyComponentFamily[];
  /** Columns of the data. */
  readonly d: number;
}

/**
 * The bookkeeping of one EM restart that does not depend on how a pass reads the data, shared
 * by the in-memory runner (`runRestart`) and the out-of-core one (`iterateEmStream`): the
 * iteration count, the objective history, the convergence test and the not-converged warning
 * (after scikit-learn's `BaseMixture.fit_predict`). The runners only do the passes:
 *
 * ```ts
 * const progress = new RestartProgress(settings, restart, { families, d });
 * while (progress.next()) {
 *   const current = pass(); // mean log-likelihood of the parameters the iteration starts from
 *   mStep(...);
 *   yield progress.record(current, params, logWeights);
 * }
 * progress.finish(warnings);
 * ```
 *
 * It allocates one step object per iteration and nothing per row.
 */
export class RestartProgress<Params = unknown> {
  /** Objective of each iteration: mean log-likelihood of the parameters it started from. */
  readonly objective: number[] = [];
  /** Iterations started so far (the current one while it runs). */
  iteration = 0;
  /** Whether the objective has settled (|change| < tolerance). */
  converged = false;
  private previous = -Infinity;
  private readonly restart: number;
  private readonly maxIterations: number;
  private readonly tolerance: number;
  private readonly parts: StepModelParts;

  constructor(
    settings: Pick<ResolvedEmSettings, 'maxIterations' | 'tolerance'>,
    restart: number,
    parts: StepModelParts,
  ) {
    this.restart = restart;
    this.parts = parts;
    this.maxIterations = settings.maxIterations;
    this.tolerance = settings.tolerance;
  }

  /** Starts the next iteration unless the restart has converged or used up `maxIterations`. */
  next(): boolean {
    if (this.converged || this.iteration >= this.maxIterations) return false;
    this.iteration++;
    return true;
  }

  /**
   * Records the current iteration's objective and returns the step to yield. The restart has
   * converged when the objective changed by less than `tolerance` (|change| < tolerance, as scikit-learn;
   * the first iteration's change from -Infinity never is).
   */
  record(current: number, params: readonly unknown[], logWeights: Float64Array): EmStep<Params> {
    this.objective.push(current);
    const change = Math.abs(current - this.previous);
    this.previous = current;
    if (change < this.tolerance) this.converged = true;
    const { families, d } = this.parts;
    const { restart, iteration, converged, objective } = this;
    // k references and k weights, so the step's model stays this step's after the runner moves on.
    const paramsNow = [...params] as Params[];
    const logWeightsNow = Float64Array.from(logWeights);
    return {
      restart,
      iteration,
      objective: current,
      change,
      params: paramsNow,
      logWeights: logWeightsNow,
      model: () =>
        new MixtureModel(families, paramsNow, logWeightsNow, d, {
          converged,
          iterations: iteration,
          objective: objective.slice(0, iteration),
          bestRestart: restart,
          restartObjectives: [],
          warnings: [],
        }),
    };
  }

  /** After the loop: warns when the restart stopped at `maxIterations` (none for 0: initialise only). */
  finish(warnings: FitWarning[]): void {
    if (!this.converged && this.maxIterations > 0) {
      warnings.push({ kind: 'not-converged', restart: this.restart, iterations: this.iteration });
    }
  }

  /** The restart's outcome, given its final parameters and the final E-step's objective. */
  result(
    params: unknown[],
    logWeights: Float64Array,
    finalObjective: number,
    warnings: FitWarning[],
  ): EmRestartResult<Params> {
    return {
      params: params as Params[],
      logWeights,
      finalObjective,
      objective: this.objective,
      converged: this.converged,
      iterations: this.iteration,
      warnings,
    };
  }
}
