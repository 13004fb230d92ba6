import { InvalidInputError, type Matrix } from '@mixkit/core';

/**
 * Squared Mahalanobis distances Σⱼ (xⱼ − meanⱼ)² · precisionsⱼ of rows `[start, end)` of X for a
 * diagonal covariance (precisions = 1/σⱼ²), written to `out[outOffset + (i − start)·outStride]`.
 *
 * The O(d) counterpart of `@mixkit/linalg`'s `squaredMahalanobis` (which is O(d²) per row for a
 * triangular factor); same argument order and output discipline, and the same column check. It centres before squaring,
 * unlike scikit-learn's expanded Σ x²p − 2 x μ p + μ² p, which loses digits for data far from 0.
 */
export function diagonalMahalanobis(
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  precisions: Float64Array,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): Float64Array {
  const { data, cols: d } = X;
  if (mean.length !== d || precisions.length !== d) {
    throw new InvalidInputError({ argument: 'X', value: d }, `expected ${mean.length} columns`);
  }
  for (let i = start, o = outOffset; i < end; i++, o += outStride) {
    const row = i * d;
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const z = data[row + j]! - mean[j]!;
      sum += z * z * precisions[j]!;
    }
    out[o] = sum;
  }
  return out;
}
