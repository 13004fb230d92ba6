import { createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';
import { normalizingExponent } from '../internal/powerOfTwo.js';

/**
 * A copy of `X` with every row divided by its Euclidean norm: the directions spherical k-means
 * clusters. A row of norm 0 has no direction: `InvalidInputError` naming it. A row whose
 * largest entry is beyond 2^±200 is first multiplied by a power of two (exact, so the same
 * direction), because its squared norm would overflow (rows near 1e300) or underflow to 0
 * (rows near 1e-300); ordinary rows keep their bits.
 */
export function normalizedRows(X: Matrix, argument = 'X'): Matrix {
  return createMatrix(
    X.rows,
    X.cols,
    normalizeRowsInto(X, new Float64Array(X.rows * X.cols), argument),
  );
}

/** `normalizedRows` into `out` (rows x cols, row-major; e.g. kernel memory); returns `out`. */
export function normalizeRowsInto(X: Matrix, out: Float64Array, argument = 'X'): Float64Array {
  const { rows, cols, data } = X;
  for (let i = 0; i < rows; i++) {
    let largest = 0;
    for (let j = 0; j < cols; j++) largest = Math.max(largest, Math.abs(data[i * cols + j]));
    if (largest === 0) {
      throw new InvalidInputError(
        { argument, row: i, value: 0 },
        'spherical k-means clusters directions: a row of norm 0 has none',
      );
    }
    const factor = 2 ** normalizingExponent(largest);
    let squared = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] * factor;
      squared += v * v;
    }
    // With factor 1 this is x · (1 / ‖x‖), the same bits as before the scaling existed.
    const inverse = 1 / Math.sqrt(squared);
    for (let j = 0; j < cols; j++) out[i * cols + j] = data[i * cols + j] * factor * inverse;
  }
  return out;
}
