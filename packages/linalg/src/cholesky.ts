import { InvalidInputError } from '@mixkit/core';
import { checkDimension, checkLength, outputBuffer } from './internal/checks.js';

/**
 * The outcome of `cholesky`: the lower-triangular factor, or where the factorisation broke down.
 * `column` is the first column whose pivot (the value whose square root would be the diagonal
 * entry of L) was not a positive finite number; `pivot` is that value (≤ 0, NaN or +Infinity).
 */
export type CholeskyResult =
  | {
      /** The factorisation succeeded. */
      readonly ok: true;
      /** The row-major d x d lower-triangular L (zeros above the diagonal). */
      readonly factor: Float64Array;
    }
  | {
      /** The factorisation broke down. */
      readonly ok: false;
      /** The first column (0-based) whose pivot was not a positive finite number. */
      readonly column: number;
      /** That pivot (≤ 0, NaN or +Infinity). */
      readonly pivot: number;
    };

/**
 * Cholesky factorisation A + jitter·I = L·Lᵀ of a symmetric positive-definite d x d matrix.
 *
 * Reads only the lower triangle of `a` (diagonal included) and writes the lower-triangular L,
 * with zeros above the diagonal, to `out` (allocated when omitted; may be `a` itself, the
 * factorisation then happens in place). `jitter` (finite, ≥ 0) is added to the diagonal first:
 * that is how a covariance regulariser such as scikit-learn's `reg_covar` is applied.
 *
 * Never returns a factor containing NaN: a pivot that is ≤ 0, NaN or infinite (a matrix that is
 * not positive definite, or NaN/Infinity in the input) gives `{ ok: false, column, pivot }`, and
 * the content of `out` is then unspecified.
 *
 * Row-oriented Cholesky–Banachiewicz: entry (i, j) is
 * L_ij = (a_ij − Σ_{k<j} L_ik L_jk) / L_jj, so the inner products run over two contiguous rows
 * of L, and a_ij is read exactly once, just before L_ij overwrites it (what makes aliasing safe).
 * Golub & Van Loan, Matrix Computations (4th ed.), §4.2.
 */
export function cholesky(
  d: number,
  a: Float64Array,
  out?: Float64Array,
  jitter = 0,
): CholeskyResult {
  checkDimension(d);
  checkLength(a, d * d, 'a');
  if (!(jitter >= 0 && jitter < Infinity)) {
    throw new InvalidInputError(
      { argument: 'jitter', value: jitter },
      'expected a finite number >= 0',
    );
  }
  const L = outputBuffer(out, d * d);
  for (let i = 0; i < d; i++) {
    const rowI = i * d;
    for (let j = 0; j < i; j++) {
      const rowJ = j * d;
      let s = a[rowI + j];
      for (let k = 0; k < j; k++) s -= L[rowI + k] * L[rowJ + k];
      L[rowI + j] = s / L[rowJ + j];
    }
    let pivot = a[rowI + i] + jitter;
    for (let k = 0; k < i; k++) {
      const v = L[rowI + k];
      pivot -= v * v;
    }
    // `!(pivot > 0)` is also true for NaN; the upper bound catches an infinite diagonal, whose
    // square root would turn later entries into Infinity/Infinity = NaN.
    if (!(pivot > 0 && pivot < Infinity)) return { ok: false, column: i, pivot };
    L[rowI + i] = Math.sqrt(pivot);
    for (let j = i + 1; j < d; j++) L[rowI + j] = 0;
  }
  return { ok: true, factor: L };
}
