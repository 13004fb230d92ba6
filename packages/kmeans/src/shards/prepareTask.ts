import {
  isSharedMemory,
  type Matrix,
  type Shard,
  type ShardContext,
  type ShardTask,
} from '@mixkit/core';
import { frameRows } from '../internal/frameRows.js';
import { rowStatistics } from '../internal/rowStatistics.js';
import { awaitShardRows } from './sharedRowsCopy.js';

/** What every thread preparing a fit's rows reads. */
export interface PrepareSetup {
  /**
   * The data as the caller gave it, n x d, or the fit's own shared copy of it (which the frame
   * round then overwrites in place: see `prepareKmeansProgram`).
   */
  readonly X: Matrix;
}

/**
 * What only the fit's own thread has: the caller's rows when `PrepareSetup.X` is the fit's
 * shared copy of them, still being filled (see `StatisticsRound.ready`).
 */
export interface PrepareLocal {
  /** The caller's X.data (not shared), or undefined when `setup.X` is already complete. */
  readonly source: Float64Array | undefined;
}

/**
 * One round: `'statistics'` reads the rows (finiteness, largest magnitude, column sums);
 * `'frame'` writes them in the fit's frame with their squared norms.
 */
export type PrepareInput = StatisticsRound | FrameRound;

/** The first look at the rows. */
export interface StatisticsRound {
  /** The round's kind. */
  readonly round: 'statistics';
  /** The power of two every value is multiplied by first (1 unless the data is extreme). */
  readonly scale: number;
  /**
   * One flag per shard (shared memory), `RowsState.copied` once the shard's rows are in the
   * shared copy `setup.X`, which the fit's thread fills while the round runs (`mapShards`'
   * `alongside`, `copyShards`): a shard waits for its flag before reading, and a waiting worker
   * maps the pages of its later shards meanwhile (`awaitShardRows`). Undefined: the rows are
   * there.
   */
  readonly ready?: Int32Array | undefined;
}

/** The rows in the fit's frame: x · scale − offset, and their squared norms. */
export interface FrameRound {
  /** The round's kind. */
  readonly round: 'frame';
  /** The power of two every value is multiplied by. */
  readonly scale: number;
  /** Subtracted from every scaled row (length d; zeros when the data is not centered). */
  readonly offset: Float64Array;
  /** The column means of the scaled data (length d), for the variances. */
  readonly mean: Float64Array;
  /**
   * Where the framed rows go (n x d, shared memory; `setup.X.data` itself to frame in place),
   * or undefined when the frame is the identity (scale 1, no offset): X is used as it is.
   */
  readonly out: Float64Array | undefined;
  /** Receives the squared norm of every framed row (length n, shared memory). */
  readonly norms: Float64Array;
  /** One weight per row (length n). */
  readonly weights: Float64Array;
  /** Fill the shard's entries of `weights` with 1 first (a fit without `sampleWeight`). */
  readonly unitWeights: boolean;
}

/** What one shard gives back (the fields of the other round are empty). */
export interface PrepareOutput {
  /** Statistics: Σ x_ij over the shard's rows, per column j (a serial sum). */
  readonly sums: Float64Array;
  /** Statistics: Σ x_ij² over the shard's rows, per column. */
  readonly squares: Float64Array;
  /** Statistics: the largest |x| of the shard. */
  readonly largest: number;
  /** Statistics: index into X.data of the shard's first NaN or ±Infinity, or -1. */
  readonly nonFinite: number;
  /** Frame: Σ (x_ij − mean_j)² over the shard's rows, per column. */
  readonly deviations: Float64Array;
  /** Frame: Σ w_i ||x_i||² over the shard's framed rows. */
  readonly weightedSquaredNorm: number;
}

/** A thread's state: the rows, and whether it is a worker (whose writes must reach the fit). */
export interface PrepareState {
  /** The rows (the setup's). */
  readonly X: Matrix;
  /** True in a worker thread. */
  readonly inWorker: boolean;
  /** In the fit's thread, the caller's rows while `X` is being filled (`PrepareLocal`). */
  readonly source: Float64Array | undefined;
  /** True once the session's round was aborted (in a worker). */
  readonly aborted: (() => boolean) | undefined;
  /** The shards this thread runs. */
  readonly shards: readonly Shard[];
}

/**
 * The per-row part of preparing k-means data, over shards of rows (`@mixkit/kmeans:prepare`),
 * in two rounds of one session: the statistics round reads every value once (`rowStatistics`:
 * finiteness, largest magnitude, column sums), and once the fit's thread has merged those in
 * shard order and chosen the frame, the frame round (`frameRows`) writes the centered (or
 * scaled) copy and the row norms into shared memory, each shard its own rows, and returns the
 * shard's squared deviations. Every output depends only on the shard's rows, so the merged
 * result is the same bits on any number of workers.
 */
export const prepareTask: ShardTask<
  PrepareSetup,
  PrepareInput,
  PrepareOutput,
  PrepareState,
  PrepareLocal | undefined
> = {
  name: '@mixkit/kmeans:prepare',
  open(setup, context: ShardContext, shards, local) {
    return {
      X: setup.X,
      inWorker: context.inWorker,
      source: local?.source,
      aborted: context.aborted,
      shards,
    };
  },
  run(state, input, shard) {
    const { X } = state;
    if (input.round === 'statistics') {
      const { ready } = input;
      if (ready !== undefined) {
        awaitShardRows(X.data, X.cols, ready, shard, state.shards, state, state.aborted);
      }
      const found = rowStatistics(X, input.scale, shard.start, shard.end);
      return { ...found, deviations: new Float64Array(0), weightedSquaredNorm: 0 };
    }
    if (state.inWorker) assertShared(input);
    if (input.unitWeights) input.weights.fill(1, shard.start, shard.end);
    const deviations = new Float64Array(X.cols);
    const weightedSquaredNorm = frameRows(
      X,
      input,
      { out: input.out, norms: input.norms, weights: input.weights, deviations },
      shard.start,
      shard.end,
    );
    return {
      sums: new Float64Array(0),
      squares: new Float64Array(0),
      largest: 0,
      nonFinite: -1,
      deviations,
      weightedSquaredNorm,
    };
  },
};

/** A worker's writes reach the fit only through shared memory. */
function assertShared(input: FrameRound): void {
  const written = [input.out, input.norms, input.unitWeights ? input.weights : undefined];
  for (const array of written) {
    if (array !== undefined && !isSharedMemory(array)) {
      throw new TypeError('@mixkit/kmeans:prepare writes rows in a worker only to shared memory');
    }
  }
}
