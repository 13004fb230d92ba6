import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS, type CosineWorkspace } from './cosineWorkspace.js';

/**
 * Assigns every unit row to the unit centre of highest cosine similarity xᵀc, blocks of rows at
 * a time. For unit vectors ‖x − c‖² = 2 − 2xᵀc, so the nearest centre in Euclidean distance is
 * the most similar one: the similarities come from linalg's `squaredDistances` (blocked dot
 * products, WebAssembly SIMD when the rows live in kernel memory) as (‖x‖² + ‖c‖² − ‖x − c‖²)/2.
 * Writes `labels` and each row's similarity to its centre into `similarity`; returns how many
 * labels changed. Ties go to the lowest index.
 */
export function assignByCosine(
  workspace: CosineWorkspace,
  centers: Matrix,
  labels: Int32Array,
  similarity: Float64Array,
): number {
  const { unit, block, rowNorms, centerNorms } = workspace;
  const n = unit.rows;
  const k = centers.rows;
  rowSquaredNorms(centers, centerNorms);
  let changed = 0;
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const end = Math.min(start + BLOCK_ROWS, n);
    squaredDistances(unit, start, end, centers, block, rowNorms, centerNorms);
    for (let i = start; i < end; i++) {
      const row = (i - start) * k;
      let best = 0;
      let bestDistance = block[row];
      for (let c = 1; c < k; c++) {
        const distance = block[row + c];
        if (distance < bestDistance) {
          best = c;
          bestDistance = distance;
        }
      }
      if (labels[i] !== best) changed += 1;
      labels[i] = best;
      similarity[i] = (rowNorms[i] + centerNorms[best] - bestDistance) / 2;
    }
  }
  return changed;
}
