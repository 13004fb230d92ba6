import type { RandomInput } from './random.js';
import type { ShardExecutor } from './shards/shardExecutor.js';

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
  /**
   * Where async fits (`fitAsync`, `fitMixtureAsync`) run their loops over rows: the fit's own
   * thread by default, or a worker pool from `@mixkit/workers`. Data smaller than one shard
   * always runs in the fit's thread. Results are the same bits either way. Synchronous fits
   * run in the fit's thread and reject an executor with workers.
   */
  readonly executor?: ShardExecutor;
}

/** Options shared by all clusterers' `fit`. */
export interface FitOptions extends RunOptions {
  /** One non-negative weight per row (default: all 1). */
  readonly sampleWeight?: ArrayLike<number>;
  /** Seed or random source for this fit, overriding the clusterer's own. */
  readonly random?: RandomInput;
}
