import type { RandomInput } from './random.js';

/** What a long-running algorithm reports after each iteration. */
export interface IterationProgress {
  /** 0-based index of the restart (`nInit`) being run. */
  readonly restart: number;
  /** 1-based iteration within that restart. */
  readonly iteration: number;
  /** The objective after this iteration (average log-likelihood for EM, inertia for k-means). */
  readonly objective: number;
  /** Absolute change of the objective from the previous iteration. */
  readonly change: number;
}

/** Options every fitting algorithm accepts for control over long work. */
export interface RunOptions {
  /** Checked between iterations; an aborted signal stops the fit with an `AbortedError`. */
  readonly signal?: AbortSignal;
  /** Called after every iteration of every restart. */
  readonly onIteration?: (progress: IterationProgress) => void;
}

/** Options shared by all clusterers' `fit`. */
export interface FitOptions extends RunOptions {
  /** One non-negative weight per row (default: all 1). */
  readonly sampleWeight?: ArrayLike<number>;
  /** Seed or random source for this fit, overriding the clusterer's own. */
  readonly random?: RandomInput;
}
