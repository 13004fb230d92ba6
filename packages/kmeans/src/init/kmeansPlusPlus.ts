import {
  assertClusterCount,
  drainShardProgram,
  type Matrix,
  pause,
  type RandomSource,
  type ShardProgram,
} from '@mixkit/core';
import { allocateKernelArrays, rowSquaredNorms, squaredDistances } from '@mixkit/linalg';
import { shiftRows } from '../internal/shiftRows.js';

/**
 * Rows to seed from given as X and an offset, X − offset being the rows (read value by value,
 * the doubles a copy of X − offset would hold), with those rows' squared norms (`rowSquaredNorms`'
 * bits): a fit in the calling thread seeds from X as given without a centered copy.
 */
export interface ShiftedSeedRows {
  readonly shift: Float64Array;
  readonly norms: Float64Array;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy variant):
 * the first center is a row drawn with probability proportional to its weight; each next one is
 * the best of `2 + floor(ln k)` candidates drawn with probability ∝ w_i D(x_i)², D the distance
 * to the nearest chosen center, "best" meaning the candidate that leaves the smallest potential
 * Σ w_i D(x_i)². Returns a k x d matrix of rows of X.
 *
 * Deterministic given `random`. Memory O(n) plus a block of distances; work O(n k log k d).
 */
export function kmeansPlusPlus(
  X: Matrix,
  k: number,
  random: RandomSource,
  weights?: Float64Array,
): Matrix {
  return drainShardProgram(kmeansPlusPlusProgram(X, k, random, weights));
}

/**
 * `kmeansPlusPlus` as a shard program that pauses every 16,384 rows of each distance pass, so an
 * async fit yields to the event loop (and stops on an abort) during a long seeding. (The seeding
 * runs in the fit's thread; its passes are not yet mapped over shards.) With `shifted`, the rows
 * are X − shifted.shift (see `ShiftedSeedRows`): the same centres, bit for bit, as from a copy.
 */
export function* kmeansPlusPlusProgram(
  X: Matrix,
  k: number,
  random: RandomSource,
  weights?: Float64Array,
  shifted?: ShiftedSeedRows,
): ShardProgram<never, Matrix> {
  const { rows: n, cols: d, data } = X;
  assertClusterCount(k, n);
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const shift = shifted?.shift;
  const xNorms = shifted?.norms ?? rowSquaredNorms(X);
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidates: Matrix = { rows: trials, cols: d, data: new Float64Array(trials * d) };
  const candidateIndex = new Int32Array(trials);
  const candidateNorms = new Float64Array(trials);
  const potentials = new Float64Array(trials);
  // Every row's distance to every candidate of the current step stays in `blocks.all`, so the
  // winner's column updates D(x)² without a further pass over X (as scikit-learn's
  // `_kmeans_plusplus` keeps `distance_to_candidates`): trials passes a step, not trials + 1.
  const blocks = new SeedingBlocks(X, trials, shift);
  const toCandidates = blocks.all;

  const w = weights ?? new Float64Array(n).fill(1);
  // First center: a row drawn by weight.
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    cumulative[i] = total;
  }
  const first = searchCumulative(cumulative, random.uniform() * total);
  seedRow(data, d, first, shift, centers, 0);
  const one: Matrix = { rows: 1, cols: d, data: centers.subarray(0, d) };
  const oneNorm = rowSquaredNorms(one);
  let potential = 0;
  for (let start = 0; start < n; start += blocks.rows) {
    if (start % PAUSE_ROWS === 0) yield* pause();
    const end = Math.min(n, start + blocks.rows);
    const block = blocks.distances(start, end, one, xNorms, oneNorm);
    for (let i = start; i < end; i++) {
      closest[i] = block[i - start];
      potential += w[i] * closest[i];
    }
  }

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += w[i] * closest[i];
      cumulative[i] = running;
    }
    for (let t = 0; t < trials; t++) {
      const index = searchCumulative(cumulative, random.uniform() * potential);
      candidateIndex[t] = index;
      seedRow(data, d, index, shift, candidates.data, t * d);
    }
    rowSquaredNorms(candidates, candidateNorms);
    potentials.fill(0);
    for (let start = 0; start < n; start += blocks.rows) {
      if (start % PAUSE_ROWS === 0) yield* pause();
      const end = Math.min(n, start + blocks.rows);
      const block = blocks.distances(start, end, candidates, xNorms, candidateNorms);
      // One running sum per candidate held in a register over the block (the same order of
      // additions as a row-by-row walk over all candidates, so the same bits); Math.min is
      // branch-free, where a comparison would mispredict on about half the rows.
      for (let t = 0; t < trials; t++) {
        let sum = potentials[t];
        if (weights === undefined) {
          // Unit weights: 1 · x is x, so the same sums without the multiplication.
          for (let i = start, at = t; i < end; i++, at += trials) {
            sum += Math.min(block[at], closest[i]);
          }
        } else {
          for (let i = start, at = t; i < end; i++, at += trials) {
            sum += w[i] * Math.min(block[at], closest[i]);
          }
        }
        potentials[t] = sum;
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    potential = potentials[best];
    const chosen = candidateIndex[best];
    seedRow(data, d, chosen, shift, centers, c * d);
    // D(x)² now also counts the new center: the same bits a pass with it alone would give, since
    // every distance sums over the columns in order whatever the number of centres.
    for (let i = 0, at = best; i < n; i++, at += trials) {
      const value = toCandidates[at];
      if (value < closest[i]) closest[i] = value;
    }
  }
  return { rows: k, cols: d, data: centers };
}

/** Row `row` of the rows seeded from (of X, less `shift` when given) into `out` at `at`. */
function seedRow(
  data: Float64Array,
  d: number,
  row: number,
  shift: Float64Array | undefined,
  out: Float64Array,
  at: number,
): void {
  const from = data.subarray(row * d, row * d + d);
  if (shift === undefined) out.set(from, at);
  else shiftRows(from, shift, out.subarray(at, at + d), 0, d);
}

/**
 * Distances from blocks of rows of X to at most `trials` centres, written into `all` (n x trials,
 * row-major at the block's rows), through the WebAssembly SIMD kernel of `squaredDistances` where
 * it is available: each block of rows is copied into the kernel memory that holds `all` (the
 * kernel needs its rows and output in one memory), with the same bits as the JavaScript kernel
 * on X itself. Without WebAssembly, or when n x trials does not fit, the JavaScript kernel
 * writes into an ordinary `all`.
 */
class SeedingBlocks {
  /** Rows a block (divides `PAUSE_ROWS`, so pauses fall on block starts). */
  readonly rows: number;
  /** Every row's distances to the centres of the latest pass, n x C.rows row-major. */
  readonly all: Float64Array;
  private readonly X: Matrix;
  private readonly rowsCopy: Float64Array | undefined;

  /** `shift`: the rows are X − shift, written so into each block's copy. */
  constructor(
    X: Matrix,
    trials: number,
    private readonly shift?: Float64Array,
  ) {
    this.X = X;
    this.rows = Math.min(SEEDING_BLOCK_ROWS, Math.max(X.rows, 1));
    const kernel = allocateKernelArrays([this.rows * X.cols, X.rows * trials]);
    // Without kernel memory, shifted rows still need a block of their own for the kernel.
    this.rowsCopy =
      kernel?.[0] ?? (shift === undefined ? undefined : new Float64Array(this.rows * X.cols));
    this.all = kernel?.[1] ?? new Float64Array(X.rows * trials);
  }

  /** Distances of rows [start, end) to C: the view of `all` that holds them. */
  distances(
    start: number,
    end: number,
    C: Matrix,
    xNorms: Float64Array,
    cNorms: Float64Array,
  ): Float64Array {
    const { X, rowsCopy, shift } = this;
    const out = this.all.subarray(start * C.rows, end * C.rows);
    if (rowsCopy === undefined) return squaredDistances(X, start, end, C, out, xNorms, cNorms);
    const d = X.cols;
    const rows = end - start;
    const from = X.data.subarray(start * d, end * d);
    if (shift === undefined) rowsCopy.set(from);
    else shiftRows(from, shift, rowsCopy, 0, rows * d);
    const block: Matrix = { rows, cols: d, data: rowsCopy.subarray(0, rows * d) };
    return squaredDistances(block, 0, rows, C, out, xNorms.subarray(start, end), cNorms);
  }
}

/** Rows a seeding block: 4,096 rows of d = 128 are 4 MiB of kernel memory. */
const SEEDING_BLOCK_ROWS = 4_096;

/** Rows between two pauses of an async seeding (a few milliseconds of distances). */
const PAUSE_ROWS = 16_384;

/**
 * The first index whose cumulative value exceeds `target` (rows contributing nothing are never
 * picked), clipped to the last row as scikit-learn clips `searchsorted`.
 */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid] > target) high = mid;
    else low = mid + 1;
  }
  return low;
}
