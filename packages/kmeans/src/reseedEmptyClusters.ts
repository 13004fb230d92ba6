import type { Matrix } from '@mixkit/core';
import { squaredDistance } from '@mixkit/linalg';
import type { KMeansData } from './kmeansData.js';

/**
 * Re-seeds the clusters listed in `empty` (which received no weight) at the rows farthest from
 * their own centers, as scikit-learn's `_relocate_empty_clusters`: the m-th empty cluster (in
 * index order) takes the m-th farthest row of positive weight (ties: lower row first). The row's
 * weighted coordinates move from its cluster's sums to the empty cluster's, so the next centers
 * are the row itself and its old cluster's mean without it. Labels are left alone: the next
 * assignment step recomputes them. Returns the number of distances computed (n).
 *
 * `sums` is the k x d matrix of weighted coordinate sums and `clusterWeights` the k total weights.
 */
export function reseedEmptyClusters(
  data: KMeansData,
  labels: Int32Array,
  centers: Matrix,
  sums: Float64Array,
  clusterWeights: Float64Array,
  empty: readonly number[],
): number {
  const { X, weights } = data;
  const { rows: n, cols: d, data: x } = X;
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Rows of weight 0 could not fill a cluster; -1 ranks them last.
    distances[i] = weights[i] > 0 ? squaredDistance(x, i * d, centers.data, labels[i] * d, d) : -1;
  }
  for (const target of empty) {
    let far = 0;
    for (let i = 1; i < n; i++) if (distances[i] > distances[far]) far = i;
    distances[far] = Number.NEGATIVE_INFINITY;
    const w = weights[far];
    const source = labels[far];
    for (let j = 0; j < d; j++) {
      const value = x[far * d + j] * w;
      sums[source * d + j] -= value;
      sums[target * d + j] = value;
    }
    clusterWeights[source] -= w;
    clusterWeights[target] = w;
  }
  return n;
}
