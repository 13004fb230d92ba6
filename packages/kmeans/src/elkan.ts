import type { Matrix } from '@mixkit/core';
import { squaredDistance, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from './assign.js';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { type CenterHalves, takeCenterHalves } from './centerHalves.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansData } from './kmeansData.js';

/**
 * Elkan's (2003) exact accelerated assignment, "Using the triangle inequality to accelerate
 * k-means" (ICML 2003).
 *
 * Each row keeps an upper bound u(i) on the distance to its center a and a lower bound l(i, j) on
 * the distance to every center j. Center j is skipped for row i when u(i) < l(i, j) or
 * u(i) < ½ d(c_a, c_j) (Lemma 1); the whole row is skipped when u(i) < ½ min_j d(c_a, c_j).
 * Otherwise u(i) is tightened once and the distance to c_j computed, which also tightens l(i, j).
 * After the centers move by p(j): u(i) += p(a), l(i, j) = max(0, l(i, j) − p(j)).
 * Memory: n x k lower bounds, so it suits large k with moderate n (`auto` checks n·k).
 */
export class ElkanAssignment implements AssignmentStrategy {
  readonly algorithm = 'elkan';
  distanceComputations: number;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly halfMin: Float64Array;
  private readonly halfPairs: Float64Array;
  private readonly scratch: Float64Array;
  private initialized = false;

  constructor(
    private readonly data: KMeansData,
    private readonly k: number,
  ) {
    const n = data.X.rows;
    // Doubles from the first store: V8 keeps a field that holds small integers in a Smi
    // representation and changes it when a double or a count past 2^30 arrives, deprecating
    // the class's map and the optimized code of every function that saw an instance (a second
    // fit in one process ran at half speed until its functions were recompiled).
    this.distanceComputations = 0.5;
    this.distanceComputations = 0;
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n * k);
    this.halfMin = new Float64Array(k);
    this.halfPairs = new Float64Array(k * k);
    this.scratch = new Float64Array(Math.min(BLOCK_ROWS, n) * k);
  }

  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
    halves?: CenterHalves,
  ): number {
    if (!this.initialized) {
      this.initialized = true;
      const changed = this.assignAll(centers, centerNorms, labels);
      sums.recompute(labels);
      return changed;
    }
    const { upper, lower, halfMin, halfPairs, k } = this;
    const { rows: n, cols: d, data: x } = this.data.X;
    const c = centers.data;
    this.distanceComputations += takeCenterHalves(halves, centers, halfMin, halfPairs);
    let computed = 0;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const previous = labels[i];
      let a = previous;
      let u = upper[i];
      if (u < halfMin[a]) continue;
      const xo = i * d;
      const base = i * k;
      let tight = false;
      for (let j = 0; j < k; j++) {
        if (j === a || u < lower[base + j] || u < halfPairs[a * k + j]) continue;
        if (!tight) {
          u = Math.sqrt(squaredDistance(x, xo, c, a * d, d));
          lower[base + a] = u;
          computed++;
          tight = true;
          if (u < lower[base + j] || u < halfPairs[a * k + j]) continue;
        }
        const distance = Math.sqrt(squaredDistance(x, xo, c, j * d, d));
        lower[base + j] = distance;
        computed++;
        // Lloyd breaks ties towards the lower index.
        if (distance < u || (distance === u && j < a)) {
          a = j;
          u = distance;
        }
      }
      upper[i] = u;
      if (a !== previous) {
        labels[i] = a;
        sums.move(i, previous, a);
        changed++;
      }
    }
    this.distanceComputations += computed;
    sums.refreshIfDrifted(labels);
    return changed;
  }

  centersMoved(shifts: Float64Array, labels: Int32Array): void {
    const { upper, lower, k } = this;
    for (let i = 0; i < upper.length; i++) {
      upper[i] += shifts[labels[i]];
      const base = i * k;
      for (let j = 0; j < k; j++) {
        const l = lower[base + j] - shifts[j];
        lower[base + j] = Math.max(l, 0);
      }
    }
  }

  /** First iteration: all n x k distances, which also initialise every bound exactly. */
  private assignAll(centers: Matrix, centerNorms: Float64Array, labels: Int32Array): number {
    const { X, xNorms } = this.data;
    const { scratch, upper, lower, k } = this;
    const n = X.rows;
    const blockRows = Math.min(BLOCK_ROWS, n);
    let changed = 0;
    for (let start = 0; start < n; start += blockRows) {
      const end = Math.min(n, start + blockRows);
      squaredDistances(X, start, end, centers, scratch, xNorms, centerNorms);
      for (let i = start; i < end; i++) {
        const row = (i - start) * k;
        let best = 0;
        let bestDistance = scratch[row];
        for (let j = 0; j < k; j++) {
          const value = scratch[row + j];
          lower[i * k + j] = Math.sqrt(value);
          if (value < bestDistance) {
            bestDistance = value;
            best = j;
          }
        }
        upper[i] = Math.sqrt(bestDistance);
        if (labels[i] !== best) {
          labels[i] = best;
          changed++;
        }
      }
    }
    this.distanceComputations += n * k;
    return changed;
  }
}
