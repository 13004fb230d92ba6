import type { Matrix } from '@mixkit/core';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansData } from './kmeansData.js';
import { reseedEmptyClusters } from './reseedEmptyClusters.js';

/** What one center update found. */
export interface CenterUpdate {
  /** Weighted inertia of the current labels under the centers before the update. */
  readonly objective: number;
  /** Clusters that were empty and were re-seeded at far rows. */
  readonly reseeded: readonly number[];
  /** Distances computed (n when a re-seeding happened, else 0). */
  readonly distanceComputations: number;
}

/**
 * Lloyd's update step: `next` gets each cluster's weighted mean S_j / W_j from `sums` (which the
 * assignment kept consistent with the labels) and `shifts[j]` the distance center j moved. Empty
 * clusters are re-seeded (`reseedEmptyClusters`) on a copy, so `sums` keeps matching the labels;
 * a cluster left with no weight keeps its center.
 *
 * The objective is the inertia of the labels under the old centers, from the sums alone:
 * Σ w||x − c_a||² = Σ w||x||² − 2 Σ_j c_j·S_j + Σ_j W_j ||c_j||², an O(kd) identity that needs no
 * per-row distances, so bounded algorithms report the same trace as Lloyd. (The data are centered,
 * which keeps the cancellation small; the final inertia is computed directly.)
 */
export function updateCenters(
  data: KMeansData,
  labels: Int32Array,
  centers: Matrix,
  sums: ClusterSums,
  next: Matrix,
  clusterWeights: Float64Array,
  shifts: Float64Array,
): CenterUpdate {
  const d = centers.cols;
  const k = centers.rows;
  const c = centers.data;
  const out = next.data;
  out.set(sums.sums);
  clusterWeights.set(sums.weights);
  let objective = data.weightedSquaredNorm;
  const reseeded: number[] = [];
  for (let a = 0; a < k; a++) {
    const W = clusterWeights[a];
    if (W === 0) {
      reseeded.push(a);
      continue;
    }
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const cj = c[a * d + j];
      dot += cj * out[a * d + j];
      norm += cj * cj;
    }
    objective += W * norm - 2 * dot;
  }
  let distanceComputations = 0;
  if (reseeded.length > 0) {
    distanceComputations = reseedEmptyClusters(
      data,
      labels,
      centers,
      out,
      clusterWeights,
      reseeded,
    );
  }
  for (let a = 0; a < k; a++) {
    const W = clusterWeights[a];
    let shift = 0;
    for (let j = 0; j < d; j++) {
      const idx = a * d + j;
      const value = W > 0 ? out[idx] / W : c[idx];
      out[idx] = value;
      const diff = value - c[idx];
      shift += diff * diff;
    }
    shifts[a] = Math.sqrt(shift);
  }
  return { objective: Math.max(objective, 0), reseeded, distanceComputations };
}
