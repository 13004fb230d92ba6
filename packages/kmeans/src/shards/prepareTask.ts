import type { Matrix, Shard, ShardContext, ShardTask } from '@mixkit/core';

/** What every thread preparing a fit's rows reads. */
export interface PrepareSetup {
  /**
   * The data as the caller gave it, n x d, or the fit's own shared copy of it (which the frame
   * round then overwrites in place: see `prepareKmeansProgram`).
   */
  readonly X: Matrix;
}

/**
 * One round: `'statistics'` reads the rows (finiteness, largest magnitude, shifted column sums);
 * `'frame'` writes them in the fit's frame with their squared norms.
 */
export type PrepareInput = StatisticsRound | FrameRound;

/** The first look at the rows. */
export interface StatisticsRound {
  /** The round's kind. */
  readonly round: 'statistics';
  /** The power of two every value is multiplied by first (1 unless the data is extreme). */
  readonly scale: number;
}

/** The rows in the fit's frame: x · scale − offset, and their squared norms. */
export interface FrameRound {
  /** The round's kind. */
  readonly round: 'frame';
  /** The power of two every value is multiplied by. */
  readonly scale: number;
  /** Subtracted from every scaled row (length d; zeros when the data is not centered). */
  readonly offset: Float64Array;
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
  /** Statistics: Σ x_ij over the shard's rows, per column j (the column means). */
  readonly sums: Float64Array;
  /** Statistics: Σ (x_ij − x_0j) over the shard's rows, per column (row 0 is the shift). */
  readonly shiftedSums: Float64Array;
  /** Statistics: Σ (x_ij − x_0j)² over the shard's rows, per column. */
  readonly squares: Float64Array;
  /** Statistics: the largest |x| of the shard. */
  readonly largest: number;
  /** Statistics: index into X.data of the shard's first NaN or ±Infinity, or -1. */
  readonly nonFinite: number;
  /** Frame: Σ w_i ||x_i||² over the shard's framed rows. */
  readonly weightedSquaredNorm: number;
}

/** A thread's state: the rows, and whether it is a worker (whose writes must reach the fit). */
export interface PrepareState {
  readonly X: Matrix;
  readonly inWorker: boolean;
}

const empty = new Float64Array(0);

/**
 * The per-row part of preparing k-means data, over shards of rows (`@mixkit/kmeans:prepare`),
 * in two rounds of one session: the statistics round reads every value once (its finiteness,
 * the largest magnitude and the column sums about row 0), and once the fit's thread has merged
 * those in shard order and chosen the frame, the frame round writes the centered (or scaled)
 * copy and the row norms into shared memory, each shard its own rows. Every output depends only
 * on the shard's rows, so the merged result is the same bits on any number of workers.
 */
export const prepareTask: ShardTask<PrepareSetup, PrepareInput, PrepareOutput, PrepareState> = {
  name: '@mixkit/kmeans:prepare',
  open(setup, context: ShardContext) {
    return { X: setup.X, inWorker: context.inWorker };
  },
  run(state, input, shard) {
    if (input.round === 'statistics') return statistics(state.X, input.scale, shard);
    if (state.inWorker) assertShared(input);
    return frame(state.X, input, shard);
  },
};

function statistics(X: Matrix, scale: number, shard: Shard): PrepareOutput {
  const { cols: d, data } = X;
  const shift = new Float64Array(d);
  for (let j = 0; j < d; j++) shift[j] = data[j] * scale;
  // The plain sums give the means (a serial sum over the rows, scikit-learn's bits on one
  // shard); the variances come from sums shifted by a data point (row 0), which lose at most a
  // factor n of relative accuracy (|x_0 − mean|² ≤ n · variance), unlike Σx² − n·mean².
  const sums = new Float64Array(d);
  const shiftedSums = new Float64Array(d);
  const squares = new Float64Array(d);
  let largest = 0;
  // x − x is 0 for finite x and NaN for NaN and ±Infinity, and NaN stays: one cheap test.
  let check = 0;
  let i = shard.start;
  // Four rows per pass over the columns: each column's sums are loaded and stored once for
  // four values (2.2x faster than once per value), added in row order, so the same bits. (A
  // NaN makes `largest` NaN: `check` throws before it is used.)
  for (; i + 4 <= shard.end; i += 4) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const x0 = data[o + j] * scale;
      const x1 = data[o + d + j] * scale;
      const x2 = data[o + 2 * d + j] * scale;
      const x3 = data[o + 3 * d + j] * scale;
      check += x0 - x0 + (x1 - x1) + (x2 - x2) + (x3 - x3);
      // Branch-free: a compare-and-assign here ran 3x slower (V8 12, 1M x 32).
      largest = Math.max(largest, Math.abs(x0), Math.abs(x1), Math.abs(x2), Math.abs(x3));
      let sum = sums[j];
      sum += x0;
      sum += x1;
      sum += x2;
      sum += x3;
      sums[j] = sum;
      const c = shift[j];
      const u0 = x0 - c;
      const u1 = x1 - c;
      const u2 = x2 - c;
      const u3 = x3 - c;
      let shifted = shiftedSums[j];
      shifted += u0;
      shifted += u1;
      shifted += u2;
      shifted += u3;
      shiftedSums[j] = shifted;
      let square = squares[j];
      square += u0 * u0;
      square += u1 * u1;
      square += u2 * u2;
      square += u3 * u3;
      squares[j] = square;
    }
  }
  for (; i < shard.end; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const x = data[o + j] * scale;
      check += x - x;
      largest = Math.max(largest, Math.abs(x));
      sums[j] += x;
      const u = x - shift[j];
      shiftedSums[j] += u;
      squares[j] += u * u;
    }
  }
  const nonFinite = check === 0 ? -1 : firstNonFinite(data, shard.start * d, shard.end * d);
  return { sums, shiftedSums, squares, largest, nonFinite, weightedSquaredNorm: 0 };
}

function frame(X: Matrix, input: FrameRound, shard: Shard): PrepareOutput {
  const { cols: d, data } = X;
  const { scale, offset, out, norms, weights } = input;
  if (input.unitWeights) weights.fill(1, shard.start, shard.end);
  let weightedSquaredNorm = 0;
  for (let i = shard.start; i < shard.end; i++) {
    const o = i * d;
    // Summed as `rowSquaredNorms` sums (from 0, in column order): the same bits.
    let norm = 0;
    if (out === undefined) {
      for (let j = 0; j < d; j++) {
        const v = data[o + j];
        norm += v * v;
      }
    } else {
      for (let j = 0; j < d; j++) {
        const v = data[o + j] * scale - offset[j];
        out[o + j] = v;
        norm += v * v;
      }
    }
    norms[i] = norm;
    weightedSquaredNorm += weights[i] * norm;
  }
  return {
    sums: empty,
    shiftedSums: empty,
    squares: empty,
    largest: 0,
    nonFinite: -1,
    weightedSquaredNorm,
  };
}

/** The first index in [start, end) holding NaN or ±Infinity (there is one). */
function firstNonFinite(data: Float64Array, start: number, end: number): number {
  for (let t = start; t < end; t++) if (data[t] - data[t] !== 0) return t;
  return -1;
}

/** A worker's writes reach the fit only through shared memory. */
function assertShared(input: FrameRound): void {
  const written = [input.out, input.norms, input.unitWeights ? input.weights : undefined];
  for (const array of written) {
    if (array !== undefined && !(array.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError('@mixkit/kmeans:prepare writes rows in a worker only to shared memory');
    }
  }
}
