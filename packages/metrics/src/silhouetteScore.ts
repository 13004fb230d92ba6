import type { MatrixInput } from '@mixkit/core';
import { estimateSilhouette } from './estimateSilhouette.js';
import type { SilhouetteScoreOptions } from './silhouetteOptions.js';
import { silhouetteSamples } from './silhouetteSamples.js';

/**
 * Mean silhouette over all rows, as scikit-learn's `silhouette_score` (higher is better, in
 * [-1, 1]). Exact by default (O(n^2 d) time, O(blockSize * n) memory). With `sampleSize` below n
 * it returns `estimateSilhouette(...).score` instead: `sampleSize` seeded random rows, each
 * scored against all rows (unbiased; see `estimateSilhouette` for its standard error).
 */
export function silhouetteScore(
  X: MatrixInput,
  labels: ArrayLike<number>,
  options: SilhouetteScoreOptions = {},
): number {
  const { sampleSize } = options;
  if (sampleSize !== undefined) {
    return estimateSilhouette(X, labels, { ...options, sampleSize }).score;
  }
  const values = silhouetteSamples(X, labels, options);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}
