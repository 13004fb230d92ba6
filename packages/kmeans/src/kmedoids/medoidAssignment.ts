import { sharedFloat64Array, sharedInt32Array } from '@mixkit/core';

/**
 * For every row: its nearest and second-nearest medoid (by position in `medoids`) and the
 * distances to them, from the row-major n x n dissimilarity matrix D. The state FasterPAM's
 * swap evaluation reads; recomputed after each swap in O(nk).
 */
export class MedoidAssignment {
  readonly nearest: Int32Array;
  readonly nearestDistance: Float64Array;
  readonly secondDistance: Float64Array;

  constructor(readonly n: number) {
    // Shared where possible: worker threads evaluating swaps read them in place.
    this.nearest = sharedInt32Array(n);
    this.nearestDistance = sharedFloat64Array(n);
    this.secondDistance = sharedFloat64Array(n);
  }

  /** Recomputes every row's nearest two medoids (ties: the earlier medoid position). */
  update(D: Float64Array, medoids: Int32Array): void {
    const { n, nearest, nearestDistance, secondDistance } = this;
    const k = medoids.length;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      let second = Number.POSITIVE_INFINITY;
      for (let m = 0; m < k; m++) {
        const value = D[i * n + medoids[m]];
        if (value < bestDistance) {
          second = bestDistance;
          bestDistance = value;
          best = m;
        } else if (value < second) {
          second = value;
        }
      }
      nearest[i] = best;
      nearestDistance[i] = bestDistance;
      secondDistance[i] = second;
    }
  }

  /** Σ_i w_i d(i, nearest medoid). */
  totalDeviation(weights: Float64Array): number {
    let total = 0;
    for (let i = 0; i < this.n; i++) total += weights[i] * this.nearestDistance[i];
    return total;
  }
}
