import type { RandomInput } from '@mixkit/core';

/** The dissimilarity the silhouette is computed with. */
export type SilhouetteMetric = 'euclidean' | 'sqeuclidean';

/** Options of `silhouetteSamples` and `silhouetteScore`. */
export interface SilhouetteOptions {
  /** Dissimilarity between rows. Default `'euclidean'` (as scikit-learn). */
  readonly metric?: SilhouetteMetric;
  /**
   * Rows whose distances to all n rows are held at once. Memory is `blockSize * n` doubles.
   * Default: as many rows as fit in about 2 MB (at least 1).
   */
  readonly blockSize?: number;
  /** Checked between blocks: the work is O(n^2 d), so long runs can be stopped. */
  readonly signal?: AbortSignal;
}

/** Options of the sampled silhouette estimate. */
export interface SilhouetteEstimateOptions extends SilhouetteOptions {
  /** Number of rows to score (without replacement), each against all n rows. */
  readonly sampleSize: number;
  /** Seed or random source for choosing the rows. Default seed 0. */
  readonly random?: RandomInput;
}

/** Options of `silhouetteScore`: exact unless `sampleSize` is given and below n. */
export interface SilhouetteScoreOptions extends SilhouetteOptions {
  /** Score only this many rows (without replacement) when below n: an unbiased estimate. */
  readonly sampleSize?: number;
  /** Seed or random source for choosing the sampled rows. Default seed 0. */
  readonly random?: RandomInput;
}
