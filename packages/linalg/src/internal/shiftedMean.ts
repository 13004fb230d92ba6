import type { Matrix } from '@mixkit/core';

/**
 * Weighted column means of rows `[start, end)` into `mean` (length d), returning the total weight.
 * Sums are taken relative to the first row with non-zero weight (a shifted sum, Chan, Golub &
 * LeVeque 1983, §3), so data with a large common offset (values near 1e6, spread 1) loses no
 * more precision than data near 0. Zero-weight rows are skipped; a zero total gives zeros.
 * The caller has validated shapes.
 */
export function shiftedMean(
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array,
  weightOffset: number,
  weightStride: number,
  mean: Float64Array,
): number {
  const d = X.cols;
  const data = X.data;
  mean.fill(0);
  let first = -1;
  for (let i = start; i < end; i++) {
    if (weights[weightOffset + (i - start) * weightStride] !== 0) {
      first = i;
      break;
    }
  }
  if (first < 0) return 0;
  const shift = first * d;
  let total = 0;
  for (let i = first; i < end; i++) {
    const w = weights[weightOffset + (i - start) * weightStride];
    if (w === 0) continue;
    total += w;
    const row = i * d;
    for (let a = 0; a < d; a++) mean[a] += w * (data[row + a] - data[shift + a]);
  }
  // Divide rather than multiply by 1 / total: for a subnormal total, 1 / total overflows to
  // Infinity and the mean would become NaN.
  for (let a = 0; a < d; a++) mean[a] = data[shift + a] + mean[a] / total;
  return total;
}
