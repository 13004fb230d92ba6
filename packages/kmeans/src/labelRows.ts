import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms, squaredDistance, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from './assign.js';

/**
 * Calls `visit` once per block of up to `BLOCK_ROWS` rows of X with the block's rows minus
 * `offset` (row-major, in `block`) and their squared distances to the rows of C (norms `cNorms`),
 * (end − start) x k. The centering matches what fitting did, so predictions reproduce it exactly.
 * One callback per block, never per element.
 */
export function forEachDistanceBlock(
  X: Matrix,
  offset: Float64Array,
  C: Matrix,
  cNorms: Float64Array,
  visit: (distances: Float64Array, start: number, end: number, block: Float64Array) => void,
): void {
  const { rows: n, data: x } = X;
  const d = C.cols;
  const k = C.rows;
  const blockRows = Math.max(1, Math.min(BLOCK_ROWS, n));
  const block: Matrix = { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) };
  const blockNorms = new Float64Array(blockRows);
  const distances = new Float64Array(blockRows * k);
  for (let start = 0; start < n; start += blockRows) {
    const end = Math.min(n, start + blockRows);
    for (let i = start; i < end; i++) {
      const bo = (i - start) * d;
      for (let j = 0; j < d; j++) block.data[bo + j] = x[i * d + j]! - offset[j]!;
    }
    rowSquaredNorms(block, blockNorms);
    squaredDistances(block, 0, end - start, C, distances, blockNorms, cNorms);
    visit(distances, start, end, block.data);
  }
}

/**
 * Nearest row of C for every row of X − offset (lowest index on ties), into `labels`; when given,
 * `squared[i]` gets the squared distance to it, recomputed by differences for accuracy.
 */
export function labelRows(
  X: Matrix,
  offset: Float64Array,
  C: Matrix,
  cNorms: Float64Array,
  labels: Int32Array,
  squared?: Float64Array,
): void {
  const k = C.rows;
  const d = C.cols;
  const c = C.data;
  forEachDistanceBlock(X, offset, C, cNorms, (distances, start, end, block) => {
    for (let i = start; i < end; i++) {
      const row = (i - start) * k;
      let best = 0;
      for (let j = 1; j < k; j++) if (distances[row + j]! < distances[row + best]!) best = j;
      labels[i] = best;
      if (squared !== undefined) {
        squared[i] = squaredDistance(block, (i - start) * d, c, best * d, d);
      }
    }
  });
}
