import type { Matrix } from '@mixkit/core';
import { type KMeansData, readRows } from './kmeansData.js';

/**
 * Per-cluster weighted coordinate sums S_j = Σ_{i: a(i)=j} w_i x_i and weights W_j, kept
 * consistent with the labels by the assignment strategies.
 *
 * Lloyd recomputes them from scratch in row order every iteration (as scikit-learn does). The
 * bounded algorithms change few labels per iteration, so they move single rows between clusters
 * instead (Hamerly 2010, §3.2), O(d) per changed label rather than O(nd) per iteration.
 * Incremental sums drift by rounding; the drift of S_j is bounded by about ε times the weight
 * that has moved through cluster j (its "churn"), so the sums are recomputed whenever a cluster's
 * churn exceeds `REFRESH_RATIO` times its weight. That keeps centers within a few ulps of Lloyd's
 * and makes an empty cluster's weight exactly 0 again.
 */
export class ClusterSums {
  /** k x d row-major sums. */
  readonly sums: Float64Array;
  /** k total weights. */
  readonly weights: Float64Array;
  private readonly churn: Float64Array;
  /**
   * The rows read, and what is subtracted from each as it is read (undefined when they are
   * the data's `X` itself): `KMeansData.rowsRead`, so that no centered copy is needed.
   */
  private readonly rows: Matrix;
  private readonly shift: Float64Array | undefined;
  private static readonly REFRESH_RATIO = 16;

  constructor(
    private readonly data: KMeansData,
    readonly k: number,
  ) {
    const { rows, shift } = readRows(data);
    this.rows = rows;
    this.shift = shift;
    this.sums = new Float64Array(k * rows.cols);
    this.weights = new Float64Array(k);
    this.churn = new Float64Array(k);
  }

  /**
   * Sums every row into its cluster, in row order. Four columns per step, their four sums read
   * before any is written back: each sum still gets the same additions in the same order (the
   * bits of a plain loop), but V8 no longer makes every load wait for the store before it, and
   * the loop runs in about 0.57 of the time (16,130 x 32, k = 64: 0.69 against 1.22 ms, minima of
   * 60 runs). A fit recomputes every shard once in its first iteration and again whenever the
   * sums may have drifted (on 1,000,000 x 32, k = 64: every shard in the second iteration too).
   */
  recompute(labels: Int32Array): void {
    const m = this.shift;
    if (m !== undefined) {
      this.recomputeShifted(labels, m);
      return;
    }
    const { weights: w } = this.data;
    const { rows: n, cols: d, data: x } = this.rows;
    const { sums, weights, churn } = this;
    sums.fill(0);
    weights.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi === 0) continue;
      const a = labels[i];
      weights[a] += wi;
      const so = a * d;
      const xo = i * d;
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const s0 = sums[so + j] + x[xo + j] * wi;
        const s1 = sums[so + j + 1] + x[xo + j + 1] * wi;
        const s2 = sums[so + j + 2] + x[xo + j + 2] * wi;
        const s3 = sums[so + j + 3] + x[xo + j + 3] * wi;
        sums[so + j] = s0;
        sums[so + j + 1] = s1;
        sums[so + j + 2] = s2;
        sums[so + j + 3] = s3;
      }
      for (; j < d; j++) sums[so + j] += x[xo + j] * wi;
    }
    churn.set(weights);
  }

  /**
   * Declares `sums` and `weights` freshly summed from every row in row order (as `recompute`
   * does), by a caller that filled them itself (the fused Lloyd step of `NearestCenters`).
   */
  markRecomputed(): void {
    this.churn.set(this.weights);
  }

  /**
   * Adds weight that moved through each cluster (`moved[j]`, by a caller that moved rows
   * itself, like `NearestCenters.hamerlyStep`) to its churn, as `move` would have.
   */
  addChurn(moved: Float64Array): void {
    for (let j = 0; j < this.k; j++) this.churn[j] += moved[j];
  }

  /**
   * Moves row i from cluster `from` to cluster `to` (`from` ≠ `to`, as every caller moves only
   * rows whose label changed), four columns per step as in `recompute`: each sum gets the same
   * operation as in a plain loop (about 25% faster on rows in cache at d = 24 and 32).
   */
  move(i: number, from: number, to: number): void {
    const wi = this.data.weights[i];
    if (wi === 0) return;
    const m = this.shift;
    if (m !== undefined) {
      this.moveShifted(i, from, to, wi, m);
      return;
    }
    const { cols: d, data: x } = this.rows;
    const { sums, weights, churn } = this;
    const xo = i * d;
    const fromOffset = from * d;
    const toOffset = to * d;
    let j = 0;
    // With from = to a plain loop's subtraction and addition would alternate on one sum.
    if (from !== to) {
      for (; j + 4 <= d; j += 4) {
        const v0 = x[xo + j] * wi;
        const v1 = x[xo + j + 1] * wi;
        const v2 = x[xo + j + 2] * wi;
        const v3 = x[xo + j + 3] * wi;
        const f0 = sums[fromOffset + j] - v0;
        const f1 = sums[fromOffset + j + 1] - v1;
        const f2 = sums[fromOffset + j + 2] - v2;
        const f3 = sums[fromOffset + j + 3] - v3;
        sums[fromOffset + j] = f0;
        sums[fromOffset + j + 1] = f1;
        sums[fromOffset + j + 2] = f2;
        sums[fromOffset + j + 3] = f3;
        const t0 = sums[toOffset + j] + v0;
        const t1 = sums[toOffset + j + 1] + v1;
        const t2 = sums[toOffset + j + 2] + v2;
        const t3 = sums[toOffset + j + 3] + v3;
        sums[toOffset + j] = t0;
        sums[toOffset + j + 1] = t1;
        sums[toOffset + j + 2] = t2;
        sums[toOffset + j + 3] = t3;
      }
    }
    for (; j < d; j++) {
      const value = x[xo + j] * wi;
      sums[fromOffset + j] -= value;
      sums[toOffset + j] += value;
    }
    weights[from] -= wi;
    weights[to] += wi;
    churn[from] += wi;
    churn[to] += wi;
  }

  /** Recomputes from scratch if any cluster's sums may have drifted (see the class comment). */
  refreshIfDrifted(labels: Int32Array): void {
    const { weights, churn, k } = this;
    for (let j = 0; j < k; j++) {
      if (churn[j] > ClusterSums.REFRESH_RATIO * weights[j]) {
        this.recompute(labels);
        return;
      }
    }
  }

  /** `recompute` of rows read as x − m (`KMeansData.rowsRead`): the same values, the same order. */
  private recomputeShifted(labels: Int32Array, m: Float64Array): void {
    const { weights: w } = this.data;
    const { rows: n, cols: d, data: x } = this.rows;
    const { sums, weights, churn } = this;
    sums.fill(0);
    weights.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi === 0) continue;
      const a = labels[i];
      weights[a] += wi;
      const so = a * d;
      const xo = i * d;
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const s0 = sums[so + j] + (x[xo + j] - m[j]) * wi;
        const s1 = sums[so + j + 1] + (x[xo + j + 1] - m[j + 1]) * wi;
        const s2 = sums[so + j + 2] + (x[xo + j + 2] - m[j + 2]) * wi;
        const s3 = sums[so + j + 3] + (x[xo + j + 3] - m[j + 3]) * wi;
        sums[so + j] = s0;
        sums[so + j + 1] = s1;
        sums[so + j + 2] = s2;
        sums[so + j + 3] = s3;
      }
      for (; j < d; j++) sums[so + j] += (x[xo + j] - m[j]) * wi;
    }
    churn.set(weights);
  }

  /** `move` of a row read as x − m (`KMeansData.rowsRead`): the same values, the same order. */
  private moveShifted(i: number, from: number, to: number, wi: number, m: Float64Array): void {
    const { cols: d, data: x } = this.rows;
    const { sums, weights, churn } = this;
    const xo = i * d;
    const fromOffset = from * d;
    const toOffset = to * d;
    let j = 0;
    // With from = to a plain loop's subtraction and addition would alternate on one sum.
    if (from !== to) {
      for (; j + 4 <= d; j += 4) {
        const v0 = (x[xo + j] - m[j]) * wi;
        const v1 = (x[xo + j + 1] - m[j + 1]) * wi;
        const v2 = (x[xo + j + 2] - m[j + 2]) * wi;
        const v3 = (x[xo + j + 3] - m[j + 3]) * wi;
        const f0 = sums[fromOffset + j] - v0;
        const f1 = sums[fromOffset + j + 1] - v1;
        const f2 = sums[fromOffset + j + 2] - v2;
        const f3 = sums[fromOffset + j + 3] - v3;
        sums[fromOffset + j] = f0;
        sums[fromOffset + j + 1] = f1;
        sums[fromOffset + j + 2] = f2;
        sums[fromOffset + j + 3] = f3;
        const t0 = sums[toOffset + j] + v0;
        const t1 = sums[toOffset + j + 1] + v1;
        const t2 = sums[toOffset + j + 2] + v2;
        const t3 = sums[toOffset + j + 3] + v3;
        sums[toOffset + j] = t0;
        sums[toOffset + j + 1] = t1;
        sums[toOffset + j + 2] = t2;
        sums[toOffset + j + 3] = t3;
      }
    }
    for (; j < d; j++) {
      const value = (x[xo + j] - m[j]) * wi;
      sums[fromOffset + j] -= value;
      sums[toOffset + j] += value;
    }
    weights[from] -= wi;
    weights[to] += wi;
    churn[from] += wi;
    churn[to] += wi;
  }
}
