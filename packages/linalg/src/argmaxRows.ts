import { InvalidInputError } from '@mixkit/core';
import { checkRowBlock } from './internal/checkRows.js';
import { checkMinLength } from './internal/checks.js';

/**
 * The column index of the largest entry of each row of the n x k row-major block A (the first
 * one on ties), written to `out` (length n; allocated when omitted). Requires k ≥ 1 when n > 0.
 * Input is assumed NaN-free (a NaN entry is never selected, except at column 0).
 */
export function argmaxRows(n: number, k: number, A: Float64Array, out?: Int32Array): Int32Array {
  checkRowBlock(n, k, A);
  if (n > 0 && k < 1) {
    throw new InvalidInputError({ argument: 'k', value: k }, 'a row needs at least one column');
  }
  if (out !== undefined) checkMinLength(out, n, 'out');
  const result = out ?? new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let best = 0;
    let max = A[row];
    for (let j = 1; j < k; j++) {
      const v = A[row + j];
      if (v > max) {
        max = v;
        best = j;
      }
    }
    result[i] = best;
  }
  return result;
}
