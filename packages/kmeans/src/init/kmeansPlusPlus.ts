import {
  assertClusterCount,
  drainShardProgram,
  type Matrix,
  pause,
  type RandomSource,
  type ShardProgram,
} from '@mixkit/core';
import { rowSquaredNorms, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from '../assign.js';

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
 * runs in the fit's thread; its passes are not yet mapped over shards.)
 */
export function* kmeansPlusPlusProgram(
  X: Matrix,
  k: number,
  random: RandomSource,
  weights?: Float64Array,
): ShardProgram<never, Matrix> {
  const { rows: n, cols: d, data } = X;
  assertClusterCount(k, n);
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const xNorms = rowSquaredNorms(X);
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidates: Matrix = { rows: trials, cols: d, data: new Float64Array(trials * d) };
  const candidateIndex = new Int32Array(trials);
  const candidateNorms = new Float64Array(trials);
  const potentials = new Float64Array(trials);
  const blockRows = Math.min(BLOCK_ROWS, n);
  const scratch = new Float64Array(blockRows * trials);
  const w = weights ?? new Float64Array(n).fill(1);

  // First center: a row drawn by weight.
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    cumulative[i] = total;
  }
  const first = searchCumulative(cumulative, random.uniform() * total);
  centers.set(data.subarray(first * d, first * d + d), 0);
  const one: Matrix = { rows: 1, cols: d, data: centers.subarray(0, d) };
  let potential = 0;
  for (let start = 0; start < n; start += blockRows) {
    if (start % PAUSE_ROWS === 0) yield* pause();
    const end = Math.min(n, start + blockRows);
    squaredDistances(X, start, end, one, scratch, xNorms, rowSquaredNorms(one));
    for (let i = start; i < end; i++) {
      closest[i] = scratch[i - start];
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
      candidates.data.set(data.subarray(index * d, index * d + d), t * d);
    }
    rowSquaredNorms(candidates, candidateNorms);
    potentials.fill(0);
    for (let start = 0; start < n; start += blockRows) {
      if (start % PAUSE_ROWS === 0) yield* pause();
      const end = Math.min(n, start + blockRows);
      squaredDistances(X, start, end, candidates, scratch, xNorms, candidateNorms);
      for (let i = start; i < end; i++) {
        const weight = w[i];
        const current = closest[i];
        const row = (i - start) * trials;
        for (let t = 0; t < trials; t++) {
          const value = scratch[row + t];
          potentials[t] += weight * Math.min(value, current);
        }
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    potential = potentials[best];
    const chosen = candidateIndex[best];
    centers.set(data.subarray(chosen * d, chosen * d + d), c * d);
    // D(x)² now also counts the new center; recompute its column (cheaper than keeping n x trials).
    const single: Matrix = { rows: 1, cols: d, data: centers.subarray(c * d, c * d + d) };
    const singleNorm = rowSquaredNorms(single);
    for (let start = 0; start < n; start += blockRows) {
      if (start % PAUSE_ROWS === 0) yield* pause();
      const end = Math.min(n, start + blockRows);
      squaredDistances(X, start, end, single, scratch, xNorms, singleNorm);
      for (let i = start; i < end; i++) {
        const value = scratch[i - start];
        if (value < closest[i]) closest[i] = value;
      }
    }
  }
  return { rows: k, cols: d, data: centers };
}

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
