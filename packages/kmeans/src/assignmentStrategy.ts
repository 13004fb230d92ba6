import type { Matrix } from '@mixkit/core';
import type { CenterHalves } from './centerHalves.js';
import type { ClusterSums } from './clusterSums.js';
import type { ResolvedKMeansAlgorithm } from './kmeansOptions.js';

/**
 * One way to run the assignment step of Lloyd's iteration. Implementations may keep state between
 * calls (distance bounds) but must label every row exactly as Lloyd would: nearest center, lowest
 * index on ties. The iteration calls `assign`, moves the centers, then `centersMoved`.
 */
export interface AssignmentStrategy {
  readonly algorithm: ResolvedKMeansAlgorithm;
  /**
   * Labels every row with its nearest row of `centers` (whose squared norms are `centerNorms`),
   * updating `labels` in place and keeping `sums` consistent with them, and returns how many
   * labels changed. `halves` are the centers' half distances when the fit's thread computed
   * them for the round (the bound strategies otherwise compute their own).
   */
  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
    halves?: CenterHalves,
  ): number;
  /**
   * Told that center j moved by the Euclidean distance `shifts[j]` (with `labels` as `assign`
   * left them), so bounds stay valid.
   */
  centersMoved(shifts: Float64Array, labels: Int32Array): void;
  /** Point-to-center and center-to-center distances computed so far. */
  readonly distanceComputations: number;
}
