import { assertInteger, type MatrixInput, sampleWithoutReplacement, toRandom } from '@mixkit/core';
import { toClusteredData } from './clusteredData.js';
import { silhouetteRows } from './silhouette/silhouetteRows.js';
import type { SilhouetteEstimateOptions } from './silhouetteOptions.js';

/** A sampled silhouette estimate with its uncertainty. */
export interface SilhouetteEstimate {
  /** Mean silhouette of the sampled rows: an unbiased estimate of the exact score. */
  readonly score: number;
  /**
   * Standard error of `score` (sample standard deviation / sqrt(m), with the finite-population
   * correction sqrt((n - m) / (n - 1))); 0 when every row was scored.
   */
  readonly standardError: number;
  /** Number of rows scored (`min(sampleSize, n)`). */
  readonly sampleSize: number;
}

/**
 * Estimates the mean silhouette from `sampleSize` rows drawn without replacement (seeded), each
 * scored exactly against ALL n rows: O(m n d) time instead of O(n^2 d), memory O(blockSize n).
 *
 * This differs from scikit-learn's `silhouette_score(sample_size=m)`, which computes the
 * silhouette of the m-row subsample against itself only: that estimate is biased for small m
 * (clusters look sparser), while this one is unbiased, and its spread is reported.
 */
export function estimateSilhouette(
  X: MatrixInput,
  labels: ArrayLike<number>,
  options: SilhouetteEstimateOptions,
): SilhouetteEstimate {
  const data = toClusteredData(X, labels);
  const n = data.X.rows;
  assertInteger(options.sampleSize, 'sampleSize', 1);
  const m = Math.min(options.sampleSize, n);
  const random = toRandom(options.random);
  // Memory order for the gather.
  const chosen = sampleWithoutReplacement(n, m, random).sort();
  const values = silhouetteRows(data, chosen, options, new Float64Array(m));
  let mean = 0;
  for (let r = 0; r < m; r++) mean += values[r];
  mean /= m;
  let squares = 0;
  for (let r = 0; r < m; r++) squares += (values[r] - mean) ** 2;
  const standardError =
    m < 2 || m === n ? 0 : Math.sqrt(squares / (m - 1) / m) * Math.sqrt((n - m) / (n - 1));
  return { score: mean, standardError, sampleSize: m };
}
