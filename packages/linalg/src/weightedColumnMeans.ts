import type { Matrix } from '@mixkit/core';
import { checkRowRange, checkStrided, outputBuffer } from './internal/checks.js';
import { shiftedMean } from './internal/shiftedMean.js';

/**
 * Weighted column means of rows `[start, end)` of X, row i weighted by
 * `weights[weightOffset + (i − start) * weightStride]`, written to `out` (length X.cols;
 * allocated when omitted). Zero-weight rows are skipped; if every weight is 0 the means are 0.
 *
 * The sum is shifted by the first weighted row (Chan, Golub & LeVeque 1983), which keeps data
 * with a large mean offset accurate. Weights are assumed finite and ≥ 0 (validate them once with
 * `toWeights` from @mixkit/core).
 */
export function weightedColumnMeans(
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  out?: Float64Array,
): Float64Array {
  checkRowRange(X, start, end);
  checkStrided(weights, weightOffset, weightStride, end - start, 'weights');
  const mean = outputBuffer(out, X.cols);
  shiftedMean(X, start, end, weights, weightOffset, weightStride, mean.subarray(0, X.cols));
  return mean;
}
