import type { Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, outputBuffer } from './internal/checks.js';

/**
 * Forward substitution for a block of rows: for each row x of X in `[start, end)`, solves
 * L y = x (L lower triangular d x d with non-zero diagonal, d = X.cols), i.e. y = L⁻¹x, and
 * writes the rows of y contiguously to `out` ((end − start) x d row-major; allocated when
 * omitted). `out` must not overlap X's rows.
 *
 * Works on 4 rows at a time so that each row of L is loaded once per 4 solves; the diagonal is
 * inverted once per call. With L the Cholesky factor of Σ, ||y||² is the squared Mahalanobis
 * distance of x from the origin.
 */
export function solveLowerRows(
  X: Matrix,
  start: number,
  end: number,
  L: Float64Array,
  out?: Float64Array,
): Float64Array {
  checkRowRange(X, start, end);
  const d = X.cols;
  checkLength(L, d * d, 'L');
  const n = end - start;
  const Y = outputBuffer(out, n * d);
  const data = X.data;
  const inverseDiagonal = new Float64Array(d);
  for (let i = 0; i < d; i++) inverseDiagonal[i] = 1 / L[i * d + i];
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const x0 = (start + r) * d;
    const y0 = r * d;
    const y1 = y0 + d;
    const y2 = y1 + d;
    const y3 = y2 + d;
    for (let i = 0; i < d; i++) {
      const li = i * d;
      let s0 = data[x0 + i];
      let s1 = data[x0 + d + i];
      let s2 = data[x0 + 2 * d + i];
      let s3 = data[x0 + 3 * d + i];
      for (let k = 0; k < i; k++) {
        const l = L[li + k];
        s0 -= l * Y[y0 + k];
        s1 -= l * Y[y1 + k];
        s2 -= l * Y[y2 + k];
        s3 -= l * Y[y3 + k];
      }
      const v = inverseDiagonal[i];
      Y[y0 + i] = s0 * v;
      Y[y1 + i] = s1 * v;
      Y[y2 + i] = s2 * v;
      Y[y3 + i] = s3 * v;
    }
  }
  for (; r < n; r++) {
    const x0 = (start + r) * d;
    const y0 = r * d;
    for (let i = 0; i < d; i++) {
      const li = i * d;
      let s = data[x0 + i];
      for (let k = 0; k < i; k++) s -= L[li + k] * Y[y0 + k];
      Y[y0 + i] = s * inverseDiagonal[i];
    }
  }
  return Y;
}
