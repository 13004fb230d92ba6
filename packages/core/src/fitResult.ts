import type { DegeneracyReason } from './errors/degenerateComponentError.js';

/** What the fitter did about a degenerate component. */
export type DegeneracyAction = 'reseeded' | 'kept-previous' | 'frozen';

/**
 * Something that went wrong in a fit and was handled rather than thrown. Fits never hide these:
 * they are listed in `FitDiagnostics.warnings` in the order they happened.
 */
export type FitWarning =
  | {
      /** The fit stopped at `maxIterations` before the objective settled. */
      readonly kind: 'not-converged';
      /** The restart (0-based) that did not converge. */
      readonly restart: number;
      /** Iterations it ran (= `maxIterations`). */
      readonly iterations: number;
    }
  | {
      /** A component / cluster received (almost) no weight. */
      readonly kind: 'empty-component';
      /** The restart (0-based) it happened in. */
      readonly restart: number;
      /** The iteration (1-based; 0 for the initialisation) it happened at. */
      readonly iteration: number;
      /** The component / cluster (0-based). */
      readonly component: number;
      /** What the fitter did about it. */
      readonly action: DegeneracyAction;
    }
  | {
      /** A component's M-step failed (e.g. a singular covariance) and was handled. */
      readonly kind: 'degenerate-component';
      /** The restart (0-based) it happened in. */
      readonly restart: number;
      /** The iteration (1-based; 0 for the initialisation) it happened at. */
      readonly iteration: number;
      /** The component (0-based). */
      readonly component: number;
      /** Why the family could not estimate it. */
      readonly reason: DegeneracyReason;
      /** What the fitter did about it. */
      readonly action: DegeneracyAction;
    }
  | {
      /**
       * A family's regularisation is at least the variance of a data column, so it swamps
       * that column's signal (e.g. an absolute `regCovar` of 1e-6 on a column measured in
       * units of 1e-6). Reported once per fit, before any restart.
       */
      readonly kind: 'regularization-dominates';
      /** The family's kind, e.g. `'gaussian-diag'`. */
      readonly family: string;
      /** The data column (0-based). */
      readonly column: number;
      /** The regularisation added to that column's variance. */
      readonly regCovar: number;
      /** The column's (weighted) variance in the data. */
      readonly variance: number;
    };

/** How a fit went: the convergence flag, the objective trace, and everything handled on the way. */
export interface FitDiagnostics {
  /** True when the best restart converged within `maxIterations`. */
  readonly converged: boolean;
  /** Iterations run by the best restart. */
  readonly iterations: number;
  /** The best restart's objective after each iteration (EM: mean log-likelihood; k-means: inertia). */
  readonly objective: readonly number[];
  /** Index of the restart that was kept. */
  readonly bestRestart: number;
  /** Final objective of every restart, in order. */
  readonly restartObjectives: readonly number[];
  /** Warnings from all restarts. */
  readonly warnings: readonly FitWarning[];
}
