import { type Matrix, sharedFloat64Array } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { normalizedWeights } from './internal/powerOfTwo.js';
import { frameOf, type ScaledFrame, toFrame } from './internal/scaledFrame.js';

/**
 * The training data as every k-means iteration reads it: X in its frame (scaled by a power of
 * two when its magnitude is extreme, centered when that matters, see `prepareKmeansData`), the
 * weights (likewise scaled), and per-row squared norms computed once.
 */
export interface KMeansData {
  /** X · frame.scale − frame.offset: n x d (X itself, not a copy, when that is X). */
  readonly X: Matrix;
  /** How X was scaled and centered. */
  readonly frame: ScaledFrame;
  /** One weight per row (all 1 when none were given), times 2^weightExponent. */
  readonly weights: Float64Array;
  /** The power of two the given weights were multiplied by (0: as given). */
  readonly weightExponent: number;
  /** Squared norm of each row of `X`. */
  readonly xNorms: Float64Array;
  /** Σ_i w_i ||x_i||² over the rows of `X` (for the inertia identity in `updateCenters`). */
  readonly weightedSquaredNorm: number;
  /** Mean of the per-column (unweighted) variances of `X`: `tolerance` is relative to it. */
  readonly meanVariance: number;
}

/**
 * Precomputes what the iterations need, in O(nd).
 *
 * Distances use the expansion ||x||² + ||c||² − 2x·c, whose rounding error grows with ||x||², so
 * data far from the origin are centered first, as scikit-learn always does, at the cost of one
 * copy of X. When every column mean is within one standard deviation of 0, centering would gain
 * less than a factor of about 2 in accuracy, and X is used as it is (no copy).
 *
 * Data whose largest magnitude is beyond 2^±200 (squared distances near 1e300 would overflow,
 * near 1e-300 underflow to 0 and tie every center) and weights likewise are multiplied by a
 * power of two that brings them near 1. That is exact, so the fit is the one of the scaled data
 * and its centers and inertia scale back exactly (`frame`, `weightExponent`).
 */
export function prepareKmeansData(X: Matrix, weights?: Float64Array): KMeansData {
  const { rows: n, cols: d } = X;
  const { frame, meanVariance, centered } = frameOf(X, 'auto');
  // The fit's own arrays go on shareable memory, so a worker pool shares them without a copy.
  const Xf: Matrix =
    centered || frame.scale !== 1
      ? { rows: n, cols: d, data: toFrame(X, 0, n, frame, sharedFloat64Array(n * d)) }
      : X;
  const xNorms = rowSquaredNorms(Xf, sharedFloat64Array(n));
  const { weights: w, exponent: weightExponent } =
    weights === undefined
      ? { weights: sharedFloat64Array(n).fill(1), exponent: 0 }
      : normalizedWeights(weights);
  let weightedSquaredNorm = 0;
  for (let i = 0; i < n; i++) weightedSquaredNorm += w[i] * xNorms[i];
  return { X: Xf, frame, weights: w, weightExponent, xNorms, weightedSquaredNorm, meanVariance };
}
