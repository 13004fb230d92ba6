import type { Matrix } from '@mixkit/core';
import { squaredDistance } from '@mixkit/linalg';

/**
 * Half the distance between every pair of centers, the quantity both accelerated algorithms prune
 * with: if d(x, c_a) <= ½ d(c_a, c_j) then c_j cannot be closer to x than c_a (Elkan 2003,
 * Lemma 1). Writes `halfMin[j] = ½ min_{j'≠j} d(c_j, c_j')` (Infinity when k = 1) and, when given,
 * the full k x k matrix `halfPairs` (zero diagonal). Returns the number of distances computed.
 */
export function halfCenterDistances(
  C: Matrix,
  halfMin: Float64Array,
  halfPairs?: Float64Array,
): number {
  const { rows: k, cols: d, data } = C;
  halfMin.fill(Number.POSITIVE_INFINITY, 0, k);
  for (let a = 0; a < k; a++) {
    if (halfPairs !== undefined) halfPairs[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      const half = 0.5 * Math.sqrt(squaredDistance(data, a * d, data, b * d, d));
      if (half < halfMin[a]) halfMin[a] = half;
      if (half < halfMin[b]) halfMin[b] = half;
      if (halfPairs !== undefined) {
        halfPairs[a * k + b] = half;
        halfPairs[b * k + a] = half;
      }
    }
  }
  return (k * (k - 1)) / 2;
}
