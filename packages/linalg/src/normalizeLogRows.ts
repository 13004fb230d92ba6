import { expNonPositive } from './expNonPositive.js';
import { checkRowBlock } from './internal/checkRows.js';
import { checkMinLength } from './internal/checks.js';
import { logSumExpRows } from './logSumExp.js';

/**
 * Turns each row of the n x k row-major block A of log-weights (e.g. the E-step's
 * log π_j + log p(x_i | θ_j)) into probabilities, in place: A[i, j] ← exp(A[i, j] − lse_i) with
 * lse_i = log Σ_j exp(A[i, j]) (see `logSumExpRows`). Writes lse_i to `logNormalizers[i]` when
 * given (its sum over rows is the log-likelihood). Returns A.
 *
 * Degenerate rows are explicit, never NaN, and left for the caller to report:
 * - a row of only −Infinity (a point impossible under every component) becomes all zeros and
 *   its lse is −Infinity; it is not silently made uniform;
 * - a row containing +Infinity shares the mass equally among its +Infinity entries (the limit of
 *   the softmax) and its lse is +Infinity.
 * NaN entries give a NaN row.
 */
export function normalizeLogRows(
  n: number,
  k: number,
  A: Float64Array,
  logNormalizers?: Float64Array,
): Float64Array {
  checkRowBlock(n, k, A);
  if (logNormalizers !== undefined) checkMinLength(logNormalizers, n, 'logNormalizers');
  const lse = logNormalizers ?? new Float64Array(n);
  logSumExpRows(n, k, A, lse);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    const l = lse[i];
    if (l === Number.NEGATIVE_INFINITY) {
      A.fill(0, row, row + k);
    } else if (l === Number.POSITIVE_INFINITY) {
      let count = 0;
      for (let j = 0; j < k; j++) if (A[row + j] === Number.POSITIVE_INFINITY) count++;
      const share = 1 / count;
      for (let j = 0; j < k; j++) {
        A[row + j] = A[row + j] === Number.POSITIVE_INFINITY ? share : 0;
      }
    } else {
      // A − lse <= 0 for every entry (lse >= the row maximum).
      for (let j = 0; j < k; j++) A[row + j] = expNonPositive(A[row + j] - l);
    }
  }
  return A;
}
