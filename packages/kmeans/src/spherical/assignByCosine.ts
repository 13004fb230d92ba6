import type { Matrix } from '@mixkit/core';
import { multiplyTransposed } from '@mixkit/linalg';

/** Rows per block of the n x k similarity computation (a block of similarities stays in cache). */
const BLOCK_ROWS = 256;

/** Scratch of one spherical k-means fit: a block of similarities. */
export interface CosineWorkspace {
  readonly block: Matrix;
}

export function cosineWorkspace(k: number): CosineWorkspace {
  return { block: { rows: BLOCK_ROWS, cols: k, data: new Float64Array(BLOCK_ROWS * k) } };
}

/**
 * Assigns every unit row of `X` to the centre of highest cosine similarity xᵀc (the unit
 * centres in `centers`), blocks of rows at a time through linalg's `multiplyTransposed`. Writes
 * `labels` and each row's similarity to its centre into `similarity`; returns how many labels
 * changed. Ties go to the lowest index.
 */
export function assignByCosine(
  X: Matrix,
  centers: Matrix,
  labels: Int32Array,
  similarity: Float64Array,
  workspace: CosineWorkspace,
): number {
  const { rows: n, cols: d } = X;
  const k = centers.rows;
  let changed = 0;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const m = Math.min(BLOCK_ROWS, n - start);
    const rows: Matrix = { rows: m, cols: d, data: X.data.subarray(start * d, (start + m) * d) };
    const out: Matrix = { rows: m, cols: k, data: workspace.block.data.subarray(0, m * k) };
    multiplyTransposed(rows, centers, out);
    for (let r = 0; r < m; r++) {
      let best = 0;
      let bestValue = out.data[r * k];
      for (let c = 1; c < k; c++) {
        const value = out.data[r * k + c];
        if (value > bestValue) {
          best = c;
          bestValue = value;
        }
      }
      const i = start + r;
      if (labels[i] !== best) changed += 1;
      labels[i] = best;
      similarity[i] = bestValue;
    }
  }
  return changed;
}
