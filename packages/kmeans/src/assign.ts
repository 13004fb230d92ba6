import type { Matrix } from '@mixkit/core';
import { squaredDistances } from '@mixkit/linalg';

/** Rows per `squaredDistances` call: a 256 x k block of distances stays in cache. */
export const BLOCK_ROWS = 256;

/**
 * Lloyd's assignment step: labels rows `[start, end)` of X with their nearest row of C (the lowest
 * index on ties, as `argmin` in scikit-learn) and returns how many labels changed.
 *
 * Distances come in blocks of `BLOCK_ROWS` rows from the blocked `squaredDistances` kernel, using
 * the precomputed squared norms `xNorms` (indexed by row) and `cNorms`. `scratch` holds at least
 * `min(BLOCK_ROWS, end − start) * C.rows` values. When `minDistances` is given, row i's squared
 * distance to its center is written to `minDistances[i]`.
 */
export function assignNearest(
  X: Matrix,
  start: number,
  end: number,
  C: Matrix,
  xNorms: Float64Array,
  cNorms: Float64Array,
  scratch: Float64Array,
  labels: Int32Array,
  minDistances?: Float64Array,
): number {
  const k = C.rows;
  let changed = 0;
  for (let blockStart = start; blockStart < end; blockStart += BLOCK_ROWS) {
    const blockEnd = Math.min(end, blockStart + BLOCK_ROWS);
    squaredDistances(X, blockStart, blockEnd, C, scratch, xNorms, cNorms);
    for (let i = blockStart; i < blockEnd; i++) {
      const row = (i - blockStart) * k;
      let best = 0;
      let bestDistance = scratch[row];
      for (let j = 1; j < k; j++) {
        const value = scratch[row + j];
        if (value < bestDistance) {
          bestDistance = value;
          best = j;
        }
      }
      if (labels[i] !== best) {
        labels[i] = best;
        changed++;
      }
      if (minDistances !== undefined) minDistances[i] = bestDistance;
    }
  }
  return changed;
}
