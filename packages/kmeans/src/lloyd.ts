import type { Matrix } from '@mixkit/core';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansSearchData } from './searchData.js';

/**
 * Lloyd's (1982) assignment: every row against every center, n x k distances per iteration,
 * through the data's `NearestCenters` search, whose labels are exactly the argmin of
 * `squaredDistances`: for small k·d one WebAssembly pass that also sums the rows per center,
 * otherwise a float32 SIMD screen (float64 where it cannot tell) and the sums in row order.
 */
export class LloydAssignment implements AssignmentStrategy {
  readonly algorithm = 'lloyd';
  distanceComputations: number;
  private readonly fresh: Int32Array;

  constructor(private readonly data: KMeansSearchData) {
    // Doubles from the first store: V8 keeps a field that holds small integers in a Smi
    // representation and changes it when a double or a count past 2^30 arrives, deprecating
    // the class's map and the optimized code of every function that saw an instance (a second
    // fit in one process ran at half speed until its functions were recompiled).
    this.distanceComputations = 0.5;
    this.distanceComputations = 0;
    this.fresh = new Int32Array(data.xNorms.length);
  }

  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    const { xNorms, nearest } = this.data;
    const n = xNorms.length;
    const fresh = this.fresh;
    this.distanceComputations += n * centers.rows;
    nearest.setCenters(centers, centerNorms);
    // Small k·d: assignment and sums in one WebAssembly pass.
    const fused = nearest.lloydStep(labels, sums.sums, sums.weights);
    if (fused !== undefined) {
      sums.markRecomputed();
      return fused;
    }
    nearest.nearest(null, 0, n, fresh);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== fresh[i]) {
        labels[i] = fresh[i];
        changed++;
      }
    }
    sums.recompute(labels);
    return changed;
  }

  centersMoved(): void {}
}
