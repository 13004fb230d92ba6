import type { Matrix } from '../matrix.js';

/**
 * The matrix with `missingRows` set from its data (1 for each row holding a NaN cell), or the
 * same data without the field when no cell is NaN; `missingCells` counts the NaN cells. One pass
 * over the data. Does not check for infinities (`toMatrix` does).
 */
export function markMissingRows(matrix: Matrix): {
  /** The same rows, columns and data, with `missingRows` when some cell is NaN. */
  matrix: Matrix;
  /** How many cells are NaN. */
  missingCells: number;
} {
  const { rows, cols, data } = matrix;
  let mask: Uint8Array | undefined;
  let missingCells = 0;
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let count = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[row + j]!;
      count += +Number.isNaN(v);
    }
    if (count === 0) continue;
    mask ??= new Uint8Array(rows);
    mask[i] = 1;
    missingCells += count;
  }
  const plain = { rows, cols, data };
  return { matrix: mask === undefined ? plain : { ...plain, missingRows: mask }, missingCells };
}

/** The number of NaN cells of a matrix (0 when it carries no `missingRows`). */
export function countMissingCells(matrix: Matrix): number {
  const { rows, cols, data, missingRows } = matrix;
  if (missingRows === undefined) return 0;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    if (missingRows[i] !== 1) continue;
    for (let j = i * cols; j < (i + 1) * cols; j++) count += +Number.isNaN(data[j]!);
  }
  return count;
}
