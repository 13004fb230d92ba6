import type { Matrix } from '@mixkit/core';
import { assignNearest, BLOCK_ROWS } from './assign.js';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansData } from './kmeansData.js';

/** Lloyd's (1982) assignment: every row against every center, n x k distances per iteration. */
export class LloydAssignment implements AssignmentStrategy {
  readonly algorithm = 'lloyd';
  distanceComputations = 0;
  private readonly scratch: Float64Array;

  constructor(
    private readonly data: KMeansData,
    k: number,
  ) {
    this.scratch = new Float64Array(Math.min(BLOCK_ROWS, data.X.rows) * k);
  }

  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    const { X, xNorms } = this.data;
    this.distanceComputations += X.rows * centers.rows;
    const changed = assignNearest(X, 0, X.rows, centers, xNorms, centerNorms, this.scratch, labels);
    sums.recompute(labels);
    return changed;
  }

  centersMoved(): void {}
}
