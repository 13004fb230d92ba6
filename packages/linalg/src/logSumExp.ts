import { expNonPositive } from './expNonPositive.js';
import { checkRowBlock } from './internal/checkRows.js';
import { outputBuffer } from './internal/checks.js';

/**
 * log Σ_j exp(A[i, j]) for each row i of the n x k row-major block A (row i is
 * `A[i*k .. i*k+k)`), written to `out` (length n; allocated when omitted).
 *
 * Computed as m + log Σ exp(a − m) with m the row maximum, so nothing overflows and the largest
 * term is exactly exp(0) = 1 (Blanchard, Higham & Higham, "Accurate computation of the log-sum-exp
 * and softmax functions", IMA J. Numer. Anal. 41(4), 2021). The infinities are handled before
 * subtracting m, so no NaN comes from −∞ − (−∞) or ∞ − ∞:
 * - a row of only −Infinity (or k = 0, the empty sum) gives −Infinity;
 * - a row containing +Infinity gives +Infinity.
 * A NaN entry gives NaN for its row (NaN in, NaN out; screen inputs with `toMatrix`).
 */
export function logSumExpRows(
  n: number,
  k: number,
  A: Float64Array,
  out?: Float64Array,
): Float64Array {
  checkRowBlock(n, k, A);
  const result = outputBuffer(out, n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let m = Number.NEGATIVE_INFINITY;
    let hasNaN = false;
    for (let j = 0; j < k; j++) {
      const v = A[row + j];
      if (v > m) m = v;
      else if (Number.isNaN(v)) hasNaN = true;
    }
    if (hasNaN) {
      result[i] = Number.NaN;
      continue;
    }
    if (m === Number.NEGATIVE_INFINITY || m === Number.POSITIVE_INFINITY) {
      result[i] = m;
      continue;
    }
    let s = 0;
    // Every a − m is <= 0 here (m is the finite row maximum).
    for (let j = 0; j < k; j++) s += expNonPositive(A[row + j] - m);
    result[i] = m + Math.log(s);
  }
  return result;
}
