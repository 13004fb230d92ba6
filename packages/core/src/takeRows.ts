import { createMatrix, type Matrix } from './matrix.js';

/** The rows of X in the order `order` (row i of the result is row order[i] of X), copied. */
export function takeRows(X: Matrix, order: ArrayLike<number>): Matrix {
  const d = X.cols;
  const out = createMatrix(order.length, d);
  for (let i = 0; i < order.length; i++) {
    const from = order[i] ?? 0;
    out.data.set(X.data.subarray(from * d, from * d + d), i * d);
  }
  return out;
}
