import {
  createMatrix,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  toMatrix,
} from '@mixkit/core';

/**
 * Validates a k x d matrix of probabilities (entries in [0, 1]; with `rowsSumToOne`, each row
 * sums to 1 within 1e-9 and is renormalised exactly) and returns a copy.
 */
export function probabilityMatrix(
  input: MatrixInput,
  argument: string,
  shape: { rows?: number; cols?: number },
  rowsSumToOne: boolean,
): Matrix {
  const given = toMatrix(input, { argument });
  if (
    (shape.rows !== undefined && given.rows !== shape.rows) ||
    (shape.cols !== undefined && given.cols !== shape.cols)
  ) {
    throw new InvalidInputError(
      { argument, value: `${given.rows}x${given.cols}` },
      `expected ${shape.rows ?? 'k'}x${shape.cols ?? 'd'}`,
    );
  }
  const { rows, cols } = given;
  const data = Float64Array.from(given.data);
  for (let i = 0; i < rows; i++) {
    let total = 0;
    for (let j = 0; j < cols; j++) {
      const p = data[i * cols + j];
      if (!(p >= 0 && p <= 1)) {
        throw new InvalidInputError(
          { argument, row: i, column: j, value: p },
          'expected a probability in [0, 1]',
        );
      }
      total += p;
    }
    if (rowsSumToOne) {
      if (Math.abs(total - 1) > 1e-9) {
        throw new InvalidInputError({ argument, row: i, value: total }, 'each row must sum to 1');
      }
      for (let j = 0; j < cols; j++) data[i * cols + j] /= total;
    }
  }
  return createMatrix(rows, cols, data);
}
