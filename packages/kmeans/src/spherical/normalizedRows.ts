import { createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';

/**
 * A copy of `X` with every row divided by its Euclidean norm: the directions spherical k-means
 * clusters. A row of norm 0 has no direction: `InvalidInputError` naming it.
 */
export function normalizedRows(X: Matrix, argument = 'X'): Matrix {
  const { rows, cols, data } = X;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let squared = 0;
    for (let j = 0; j < cols; j++) squared += data[i * cols + j] * data[i * cols + j];
    const norm = Math.sqrt(squared);
    if (!(norm > 0 && norm < Number.POSITIVE_INFINITY)) {
      throw new InvalidInputError(
        { argument, row: i, value: norm },
        'spherical k-means clusters directions: a row of norm 0 has none',
      );
    }
    const scale = 1 / norm;
    for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] * scale;
  }
  return createMatrix(rows, cols, out);
}
