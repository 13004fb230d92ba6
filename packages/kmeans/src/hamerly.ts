import type { Matrix } from '@mixkit/core';
import { squaredDistance, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from './assign.js';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { CenterNeighbors } from './centerNeighbors.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansData } from './kmeansData.js';

/**
 * Hamerly's (2010) exact accelerated assignment, "Making k-means even faster" (SDM 2010).
 *
 * Each row keeps an upper bound u(i) on the distance to its center a(i) and one lower bound l(i)
 * on the distance to every other center. A row whose u(i) is below max(l(i), s(a(i))), with
 * s(j) half the distance from c_j to its nearest other center, cannot change label and is
 * skipped. Otherwise u(i) is tightened with one exact distance and tested again. A row that still
 * fails needs a search, limited by the triangle inequality to the centers within R = 3u of c_a
 * (any other center is farther than 2u from x, which also gives the new l(i); cf. the annulus and
 * exponion variants of Drake & Hamerly 2012 and Newling & Fleuret 2016). When fewer than half the
 * centers are within R they are measured one by one; otherwise the row is gathered into a block
 * and measured against all centers with the blocked kernel Lloyd uses. Ties go to the lower index,
 * as in Lloyd. After the centers move by p(j), u(i) grows by p(a(i)) and l(i) shrinks by the
 * largest shift among the other centers (Hamerly's Algorithm 1).
 * Memory: two Float64Arrays of n, one block, and k² for the sorted center neighbours.
 */
export class HamerlyAssignment implements AssignmentStrategy {
  readonly algorithm = 'hamerly';
  distanceComputations = 0;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly neighbors: CenterNeighbors;
  private readonly block: Matrix;
  private readonly blockNorms: Float64Array;
  private readonly blockIndex: Int32Array;
  private readonly scratch: Float64Array;
  private initialized = false;

  constructor(
    private readonly data: KMeansData,
    k: number,
  ) {
    const { rows: n, cols: d } = data.X;
    const blockRows = Math.min(BLOCK_ROWS, n);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.neighbors = new CenterNeighbors(k);
    this.block = { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) };
    this.blockNorms = new Float64Array(blockRows);
    this.blockIndex = new Int32Array(blockRows);
    this.scratch = new Float64Array(blockRows * k);
  }

  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    if (!this.initialized) {
      this.initialized = true;
      const changed = this.assignAll(centers, centerNorms, labels);
      sums.recompute(labels);
      return changed;
    }
    const { upper, lower, blockIndex, blockNorms, neighbors } = this;
    const { X, xNorms } = this.data;
    const { rows: n, cols: d, data: x } = X;
    const k = centers.rows;
    const c = centers.data;
    const blockData = this.block.data;
    const blockRows = this.block.rows;
    this.distanceComputations += neighbors.update(centers);
    const { halfMin, order, distance: neighborDistance } = neighbors;
    const width = k - 1;
    let tightened = 0;
    let pruned = 0;
    let changed = 0;
    let gathered = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      const half = halfMin[a]!;
      const l = lower[i]!;
      const bound = Math.max(half, l);
      if (upper[i]! < bound) continue;
      // Tighten the upper bound with the exact distance to the current center.
      const xo = i * d;
      const u = Math.sqrt(squaredDistance(x, xo, c, a * d, d));
      upper[i] = u;
      tightened++;
      if (u < bound) continue;
      // Still ambiguous. Only centers within R = 3u of c_a can be nearer than c_a (see
      // CenterNeighbors); when they are few, measure just those, else all centers in a block.
      const radius = 3 * u;
      const base = a * width;
      let count = 0;
      while (count < width && neighborDistance[base + count]! <= radius) count++;
      if (2 * count < k) {
        let best = a;
        let bestDistance = u;
        let second = Number.POSITIVE_INFINITY;
        for (let t = 0; t < count; t++) {
          const j = order[base + t]!;
          const value = Math.sqrt(squaredDistance(x, xo, c, j * d, d));
          if (value < bestDistance || (value === bestDistance && j < best)) {
            second = bestDistance;
            bestDistance = value;
            best = j;
          } else if (value < second) {
            second = value;
          }
        }
        pruned += count;
        upper[i] = bestDistance;
        // Centers beyond the radius are farther than R − u = 2u from x.
        lower[i] = Math.min(second, radius - u);
        if (best !== a) {
          labels[i] = best;
          sums.move(i, a, best);
          changed++;
        }
        continue;
      }
      blockData.set(x.subarray(xo, xo + d), gathered * d);
      blockNorms[gathered] = xNorms[i]!;
      blockIndex[gathered] = i;
      gathered++;
      if (gathered === blockRows) {
        changed += this.assignGathered(gathered, centers, centerNorms, labels, sums);
        gathered = 0;
      }
    }
    if (gathered > 0) changed += this.assignGathered(gathered, centers, centerNorms, labels, sums);
    this.distanceComputations += tightened + pruned;
    sums.refreshIfDrifted(labels);
    return changed;
  }

  centersMoved(shifts: Float64Array, labels: Int32Array): void {
    // l(i) must drop by the largest shift of any center other than a(i): the largest overall,
    // or the second largest for the rows of the center that moved most.
    let largest = 0;
    let largestIndex = -1;
    let second = 0;
    for (let j = 0; j < shifts.length; j++) {
      const p = shifts[j]!;
      if (p > largest) {
        second = largest;
        largest = p;
        largestIndex = j;
      } else if (p > second) {
        second = p;
      }
    }
    const { upper, lower } = this;
    for (let i = 0; i < upper.length; i++) {
      const a = labels[i]!;
      upper[i]! += shifts[a]!;
      lower[i]! -= a === largestIndex ? second : largest;
    }
  }

  /** First iteration: every row against every center, recording the two smallest distances. */
  private assignAll(centers: Matrix, centerNorms: Float64Array, labels: Int32Array): number {
    const { X, xNorms } = this.data;
    const n = X.rows;
    const k = centers.rows;
    const { scratch, upper, lower } = this;
    const blockRows = this.block.rows;
    let changed = 0;
    for (let start = 0; start < n; start += blockRows) {
      const end = Math.min(n, start + blockRows);
      squaredDistances(X, start, end, centers, scratch, xNorms, centerNorms);
      for (let i = start; i < end; i++) {
        const best = recordNearestTwo(scratch, (i - start) * k, k, i, upper, lower);
        if (labels[i] !== best) {
          labels[i] = best;
          changed++;
        }
      }
    }
    this.distanceComputations += n * k;
    return changed;
  }

  private assignGathered(
    count: number,
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    const k = centers.rows;
    const { scratch, upper, lower, blockIndex } = this;
    squaredDistances(this.block, 0, count, centers, scratch, this.blockNorms, centerNorms);
    this.distanceComputations += count * k;
    let changed = 0;
    for (let r = 0; r < count; r++) {
      const i = blockIndex[r]!;
      const best = recordNearestTwo(scratch, r * k, k, i, upper, lower);
      const previous = labels[i]!;
      if (previous !== best) {
        labels[i] = best;
        sums.move(i, previous, best);
        changed++;
      }
    }
    return changed;
  }
}

/**
 * From the squared distances `distances[offset .. offset + k)` of row i, sets u(i) = nearest
 * distance and l(i) = second nearest, and returns the nearest center (lowest index on ties, as
 * Lloyd).
 */
function recordNearestTwo(
  distances: Float64Array,
  offset: number,
  k: number,
  i: number,
  upper: Float64Array,
  lower: Float64Array,
): number {
  let best = 0;
  let bestDistance = distances[offset]!;
  let secondDistance = Number.POSITIVE_INFINITY;
  for (let j = 1; j < k; j++) {
    const value = distances[offset + j]!;
    if (value < bestDistance) {
      secondDistance = bestDistance;
      bestDistance = value;
      best = j;
    } else if (value < secondDistance) {
      secondDistance = value;
    }
  }
  upper[i] = Math.sqrt(bestDistance);
  lower[i] = Math.sqrt(secondDistance);
  return best;
}
