import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';

/**
 * The training data as every k-means iteration reads it: a centered copy of X (scikit-learn
 * subtracts the column means too; it keeps the ||x||² + ||c||² − 2x·c distance expansion accurate
 * for data far from the origin), the weights, and per-row squared norms computed once.
 */
export interface KMeansData {
  /** X minus its column means: n x d. */
  readonly X: Matrix;
  /** The column means that were subtracted (length d). */
  readonly offset: Float64Array;
  /** One weight per row (all 1 when none were given). */
  readonly weights: Float64Array;
  /** Squared norm of each centered row. */
  readonly xNorms: Float64Array;
  /** Σ_i w_i ||x_i||² over the centered rows (for the inertia identity in `iterateCenters`). */
  readonly weightedSquaredNorm: number;
  /** Mean of the per-column (unweighted) variances: `tol` is relative to it. */
  readonly meanVariance: number;
}

/** Centers a validated matrix and precomputes what the iterations need. O(nd), one copy of X. */
export function prepareKmeansData(X: Matrix, weights?: Float64Array): KMeansData {
  const { rows: n, cols: d, data } = X;
  const offset = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) offset[j]! += data[o + j]!;
  }
  for (let j = 0; j < d; j++) offset[j]! /= n;
  const centered = new Float64Array(n * d);
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[o + j]! - offset[j]!;
      centered[o + j] = v;
      variance[j]! += v * v;
    }
  }
  let meanVariance = 0;
  for (let j = 0; j < d; j++) meanVariance += variance[j]! / n;
  meanVariance /= d;
  const Xc: Matrix = { rows: n, cols: d, data: centered };
  const xNorms = rowSquaredNorms(Xc);
  const w = weights ?? new Float64Array(n).fill(1);
  let weightedSquaredNorm = 0;
  for (let i = 0; i < n; i++) weightedSquaredNorm += w[i]! * xNorms[i]!;
  return { X: Xc, offset, weights: w, xNorms, weightedSquaredNorm, meanVariance };
}
