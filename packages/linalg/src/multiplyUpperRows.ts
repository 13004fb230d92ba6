import type { Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, outputBuffer } from './internal/checks.js';
import { transposeUpper } from './internal/transposeUpper.js';

/**
 * For each row x of X in `[start, end)`, computes the row vector y = x·U with U upper triangular
 * d x d (d = X.cols; entries below the diagonal are ignored), i.e. y_j = Σ_{k≤j} x_k U_kj, and
 * writes the rows of y contiguously to `out` ((end − start) x d; allocated when omitted).
 * `out` must not overlap X's rows.
 *
 * With U a precision Cholesky factor (Σ⁻¹ = U·Uᵀ, scikit-learn's `precisions_cholesky_`), this
 * whitens the rows. U is transposed once per call so the inner loop runs over contiguous memory,
 * and rows go 4 at a time so each row of Uᵀ is loaded once per 4 rows.
 */
export function multiplyUpperRows(
  X: Matrix,
  start: number,
  end: number,
  U: Float64Array,
  out?: Float64Array,
): Float64Array {
  checkRowRange(X, start, end);
  const d = X.cols;
  checkLength(U, d * d, 'U');
  const n = end - start;
  const Y = outputBuffer(out, n * d);
  const data = X.data;
  const T = transposeUpper(d, U);
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const x0 = (start + r) * d;
    const x1 = x0 + d;
    const x2 = x1 + d;
    const x3 = x2 + d;
    const y0 = r * d;
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k <= j; k++) {
        const u = T[tj + k];
        s0 += data[x0 + k] * u;
        s1 += data[x1 + k] * u;
        s2 += data[x2 + k] * u;
        s3 += data[x3 + k] * u;
      }
      Y[y0 + j] = s0;
      Y[y0 + d + j] = s1;
      Y[y0 + 2 * d + j] = s2;
      Y[y0 + 3 * d + j] = s3;
    }
  }
  for (; r < n; r++) {
    const x0 = (start + r) * d;
    const y0 = r * d;
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s = 0;
      for (let k = 0; k <= j; k++) s += data[x0 + k] * T[tj + k];
      Y[y0 + j] = s;
    }
  }
  return Y;
}
