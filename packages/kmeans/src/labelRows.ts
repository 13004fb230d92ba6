import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms, squaredDistance, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from './assign.js';
import { type ScaledFrame, toFrame } from './internal/scaledFrame.js';

/**
 * Calls `visit` once per block of up to `BLOCK_ROWS` rows of X with the block's rows in `frame`
 * (x · scale − offset, row-major, in `block`) and their squared distances to the rows of C
 * (norms `cNorms`), (end − start) x k, in the frame's units. The frame is the one fitting used,
 * so predictions reproduce it exactly. One callback per block, never per element.
 */
export function forEachDistanceBlock(
  X: Matrix,
  frame: Pick<ScaledFrame, 'scale' | 'offset'>,
  C: Matrix,
  cNorms: Float64Array,
  visit: (distances: Float64Array, start: number, end: number, block: Float64Array) => void,
): void {
  const n = X.rows;
  const d = C.cols;
  const k = C.rows;
  const blockRows = Math.max(1, Math.min(BLOCK_ROWS, n));
  const block: Matrix = { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) };
  const blockNorms = new Float64Array(blockRows);
  const distances = new Float64Array(blockRows * k);
  for (let start = 0; start < n; start += blockRows) {
    const end = Math.min(n, start + blockRows);
    toFrame(X, start, end, frame, block.data);
    rowSquaredNorms(block, blockNorms);
    squaredDistances(block, 0, end - start, C, distances, blockNorms, cNorms);
    visit(distances, start, end, block.data);
  }
}

/**
 * Nearest row of C for every row of X in `frame` (lowest index on ties), into `labels`; when
 * given, `squared[i]` gets the squared distance to it (in the frame's units), recomputed by
 * differences for accuracy.
 */
export function labelRows(
  X: Matrix,
  frame: Pick<ScaledFrame, 'scale' | 'offset'>,
  C: Matrix,
  cNorms: Float64Array,
  labels: Int32Array,
  squared?: Float64Array,
): void {
  const k = C.rows;
  const d = C.cols;
  const c = C.data;
  forEachDistanceBlock(X, frame, C, cNorms, (distances, start, end, block) => {
    for (let i = start; i < end; i++) {
      const row = (i - start) * k;
      let best = 0;
      for (let j = 1; j < k; j++) if (distances[row + j] < distances[row + best]) best = j;
      labels[i] = best;
      if (squared !== undefined) {
        squared[i] = squaredDistance(block, (i - start) * d, c, best * d, d);
      }
    }
  });
}
