import type { FitWarning, IterationProgress } from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';

/** What every EM iteration yields: the progress plus the parameters after its M-step. */
export interface EmStep<Params = unknown> extends IterationProgress {
  /** Parameters after this iteration's M-step (this step's own list: later steps leave it). */
  readonly params: readonly Params[];
  /** Log mixing weights after this iteration's M-step (this step's own copy). */
  readonly logWeights: Float64Array;
  /**
   * A model of the mixture as it stands after this step (copies of the parameter list and
   * weights; its diagnostics hold the objective trace so far), for watching a fit evolve:
   * predict, score or draw any intermediate state without fitting again.
   */
  model(): MixtureModel<Params>;
}

/** The outcome of one restart. */
export interface EmRestartResult<Params = unknown> {
  /** The final parameters, one per component. */
  readonly params: Params[];
  /** The final log mixing weights. */
  readonly logWeights: Float64Array;
  /** Mean log-likelihood per sample of the final parameters (the final E-step). */
  readonly finalObjective: number;
  /** Objective of each iteration: mean log-likelihood of the parameters it started from. */
  readonly objective: number[];
  /** True when the objective settled within `tolerance` before `maxIterations`. */
  readonly converged: boolean;
  /** Iterations run. */
  readonly iterations: number;
  /** Everything handled on the way (empty or degenerate components, not converging). */
  readonly warnings: FitWarning[];
}
