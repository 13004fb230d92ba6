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
  const column = factorInto(d, a, L, jitter);
  if (column >= 0) return { ok: false, column, pivot: L[column * d + column] };
  return { ok: true, factor: L };
}

/**
 * `cholesky`'s loops, writing L: returns -1, or the first column whose pivot failed, with that
 * pivot left at L[column][column]. A function of its own that ends right after its loops: in
 * a fresh process V8 compiles a long-running loop on-stack, and code after it that had not run
 * yet (building the result object) de-optimised that code again at every call (29 times in a
 * first 64-wide fit).
 */
function factorInto(d: number, a: Float64Array, L: Float64Array, jitter: number): number {
  for (let i = 0; i < d; i++) {
    const rowI = i * d;
    // Four entries of row i at a time: their dot products over k < j run as four independent
    // chains sharing the loads of L[i, k] (one chain is bound by the add's latency), then the
    // few terms with j <= k < j + 3 follow. Every entry still sums its terms in increasing k,
    // so the bits are those of one entry at a time.
    let j = 0;
    for (; j + 3 < i; j += 4) {
      const r0 = j * d;
      const r1 = r0 + d;
      const r2 = r1 + d;
      const r3 = r2 + d;
      let s0 = a[rowI + j];
      let s1 = a[rowI + j + 1];
      let s2 = a[rowI + j + 2];
      let s3 = a[rowI + j + 3];
      for (let k = 0; k < j; k++) {
        const v = L[rowI + k];
        s0 -= v * L[r0 + k];
        s1 -= v * L[r1 + k];
        s2 -= v * L[r2 + k];
        s3 -= v * L[r3 + k];
      }
      const l0 = s0 / L[r0 + j];
      s1 -= l0 * L[r1 + j];
      s2 -= l0 * L[r2 + j];
      s3 -= l0 * L[r3 + j];
      const l1 = s1 / L[r1 + j + 1];
      s2 -= l1 * L[r2 + j + 1];
      s3 -= l1 * L[r3 + j + 1];
      const l2 = s2 / L[r2 + j + 2];
      s3 -= l2 * L[r3 + j + 2];
      L[rowI + j] = l0;
      L[rowI + j + 1] = l1;
      L[rowI + j + 2] = l2;
      L[rowI + j + 3] = s3 / L[r3 + j + 3];
    }
    for (; j < i; j++) {
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
    if (!(pivot > 0 && pivot < Infinity)) {
      L[rowI + i] = pivot;
      return i;
    }
    L[rowI + i] = Math.sqrt(pivot);
    for (let j = i + 1; j < d; j++) L[rowI + j] = 0;
  }
  return -1;
}
