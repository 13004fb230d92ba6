import type { Matrix } from '@mixkit/core';
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
 * Lloyd's update step: `next` gets each cluster's weighted mean, summed over rows in index order
 * (so every assignment algorithm produces bit-identical centers from identical labels), and
 * `shifts[j]` the distance center j moved. Empty clusters are re-seeded (`reseedEmptyClusters`);
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
  next: Matrix,
  clusterWeights: Float64Array,
  shifts: Float64Array,
): CenterUpdate {
  const { X, weights } = data;
  const { rows: n, cols: d, data: x } = X;
  const k = centers.rows;
  const c = centers.data;
  const sums = next.data;
  sums.fill(0);
  clusterWeights.fill(0);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    const a = labels[i]!;
    clusterWeights[a]! += w;
    const so = a * d;
    const xo = i * d;
    for (let j = 0; j < d; j++) sums[so + j]! += x[xo + j]! * w;
  }
  let objective = data.weightedSquaredNorm;
  const reseeded: number[] = [];
  for (let a = 0; a < k; a++) {
    const W = clusterWeights[a]!;
    if (W === 0) {
      reseeded.push(a);
      continue;
    }
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const cj = c[a * d + j]!;
      dot += cj * sums[a * d + j]!;
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
      sums,
      clusterWeights,
      reseeded,
    );
  }
  for (let a = 0; a < k; a++) {
    const W = clusterWeights[a]!;
    let shift = 0;
    for (let j = 0; j < d; j++) {
      const idx = a * d + j;
      const value = W > 0 ? sums[idx]! / W : c[idx]!;
      sums[idx] = value;
      const diff = value - c[idx]!;
      shift += diff * diff;
    }
    shifts[a] = Math.sqrt(shift);
  }
  return { objective: Math.max(objective, 0), reseeded, distanceComputations };
}
