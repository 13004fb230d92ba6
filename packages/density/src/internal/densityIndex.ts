import { assertInteger, type Matrix, type MatrixInput, toMatrix } from '@mixkit/core';
import { type IndexAlgorithm, type Metric, NeighborIndex } from '@mixkit/neighbors';

/** The neighbour-index options every density clusterer accepts. */
export interface DensityIndexOptions {
  /** Default `'euclidean'`; `'precomputed'` takes an n x n distance matrix as X. */
  readonly metric?: Metric;
  /** Default `'auto'` (KD-tree up to 16 dimensions, brute force above). */
  readonly algorithm?: IndexAlgorithm;
}

/** Validates X and `minPts` (an integer in [min, n]) and indexes the rows. */
export function densityIndex(
  X: MatrixInput,
  minPts: number,
  minimum: number,
  options: DensityIndexOptions,
): { matrix: Matrix; index: NeighborIndex } {
  const matrix = toMatrix(X);
  assertInteger(minPts, 'minPts', minimum, Math.max(minimum, matrix.rows));
  const index = new NeighborIndex(matrix, {
    ...(options.metric === undefined ? {} : { metric: options.metric }),
    ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
  });
  return { matrix, index };
}
