import { assertInteger, type Matrix, type MatrixInput, toMatrix } from '@mixkit/core';
import {
  type IndexAlgorithm,
  type Metric,
  NeighborIndex,
  powerOfTwoExponent,
  scaleByPowerOfTwo,
} from '@mixkit/neighbors';

/** The neighbour-index options every density clusterer accepts. */
export interface DensityIndexOptions {
  /** Default `'euclidean'`; `'precomputed'` takes an n x n distance matrix as X. */
  readonly metric?: Metric;
  /** Default `'auto'` (KD-tree up to 16 dimensions, brute force above). */
  readonly algorithm?: IndexAlgorithm;
}

/**
 * Validates X and `minPts` (an integer in [min, n]) and indexes the rows. With `'power-of-two'`,
 * for an algorithm with no parameter in the data's units (HDBSCAN), rows of extreme magnitude
 * are indexed times 2^exponent (exact; see `powerOfTwoExponent` of @mixkit/neighbors), so that
 * squared distances near 1e300 or 1e-300 neither overflow nor underflow into ties; distances the
 * index gives are then the true ones times 2^exponent. `'as-given'` (exponent 0) keeps a radius
 * in the data's units meaningful (DBSCAN's and OPTICS' eps).
 */
export function densityIndex(
  X: MatrixInput,
  minPts: number,
  minimum: number,
  options: DensityIndexOptions,
  scaling: 'as-given' | 'power-of-two' = 'as-given',
): { matrix: Matrix; index: NeighborIndex; exponent: number } {
  const matrix = toMatrix(X);
  assertInteger(minPts, 'minPts', minimum, Math.max(minimum, matrix.rows));
  const exponent =
    scaling === 'power-of-two' && options.metric !== 'precomputed'
      ? powerOfTwoExponent(matrix.data)
      : 0;
  const index = new NeighborIndex(scaleByPowerOfTwo(matrix, exponent), {
    ...(options.metric === undefined ? {} : { metric: options.metric }),
    ...(options.algorithm === undefined ? {} : { algorithm: options.algorithm }),
  });
  return { matrix, index, exponent };
}
