import { InvalidInputError, type Matrix } from '@mixkit/core';

/**
 * A copy of `X` with each missing cell (NaN in a row `X.missingRows` marks) replaced by its
 * column's lower median over the observed cells, without `missingRows`; `X` itself when it has
 * no missing cell. EM with missing cells starts from this completed copy: the hard clusterer
 * that seeds it (k-means) and the initial M-step need complete rows, and a family whose
 * treatment is `'conditional'` cannot add a row with missing cells before parameters exist. The
 * lower median is always one of the column's observed values, so it lies in the support of any
 * per-column family (an integer code, a count, 0 or 1, a positive number). Throws
 * `InvalidInputError` naming a column in which every cell is missing (nothing can be fitted to it).
 */
export function fillMissingCells(X: Matrix, argument = 'X'): Matrix {
  const marks = X.missingRows;
  if (marks === undefined) return X;
  const { rows, cols, data } = X;
  const filled = data.slice();
  const values = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    let count = 0;
    let hasMissing = false;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j];
      if (Number.isNaN(v)) hasMissing = true;
      else values[count++] = v;
    }
    if (!hasMissing) continue;
    if (count === 0) {
      throw new InvalidInputError({ argument, column: j }, 'every cell of this column is missing');
    }
    const sorted = values.subarray(0, count).sort();
    const median = sorted[(count - 1) >> 1];
    for (let i = 0; i < rows; i++) {
      if (marks[i] === 1 && Number.isNaN(filled[i * cols + j])) filled[i * cols + j] = median;
    }
  }
  return { rows, cols, data: filled };
}
