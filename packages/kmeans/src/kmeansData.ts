import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';

/**
 * The training data as every k-means iteration reads it: X (centered when that matters, see
 * `prepareKmeansData`), the weights, and per-row squared norms computed once.
 */
export interface KMeansData {
  /** X minus `offset`: n x d (X itself, not a copy, when `offset` is zero). */
  readonly X: Matrix;
  /** What was subtracted from every row (length d): the column means, or zeros. */
  readonly offset: Float64Array;
  /** One weight per row (all 1 when none were given). */
  readonly weights: Float64Array;
  /** Squared norm of each row of `X`. */
  readonly xNorms: Float64Array;
  /** Σ_i w_i ||x_i||² over the rows of `X` (for the inertia identity in `updateCenters`). */
  readonly weightedSquaredNorm: number;
  /** Mean of the per-column (unweighted) variances: `tolerance` is relative to it. */
  readonly meanVariance: number;
}

/**
 * Precomputes what the iterations need, in O(nd).
 *
 * Distances use the expansion ||x||² + ||c||² − 2x·c, whose rounding error grows with ||x||², so
 * data far from the origin are centered first, as scikit-learn always does, at the cost of one
 * copy of X. When every column mean is within one standard deviation of 0, centering would gain
 * less than a factor of about 2 in accuracy, and X is used as it is (no copy).
 */
export function prepareKmeansData(X: Matrix, weights?: Float64Array): KMeansData {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mean[j]! += data[o + j]!;
  }
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - mean[j]!;
      variance[j]! += v * v;
    }
  }
  let meanVariance = 0;
  let centerNeeded = false;
  for (let j = 0; j < d; j++) {
    variance[j]! /= n;
    meanVariance += variance[j]!;
    if (mean[j]! * mean[j]! > variance[j]!) centerNeeded = true;
  }
  meanVariance /= d;
  let Xc: Matrix = X;
  let offset = new Float64Array(d);
  if (centerNeeded) {
    offset = mean;
    const centered = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) centered[o + j] = data[o + j]! - offset[j]!;
    }
    Xc = { rows: n, cols: d, data: centered };
  }
  const xNorms = rowSquaredNorms(Xc);
  const w = weights ?? new Float64Array(n).fill(1);
  let weightedSquaredNorm = 0;
  for (let i = 0; i < n; i++) weightedSquaredNorm += w[i]! * xNorms[i]!;
  return { X: Xc, offset, weights: w, xNorms, weightedSquaredNorm, meanVariance };
}
