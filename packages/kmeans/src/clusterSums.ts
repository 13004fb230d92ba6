import type { KMeansData } from './kmeansData.js';

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
  private static readonly REFRESH_RATIO = 16;

  constructor(
    private readonly data: KMeansData,
    readonly k: number,
  ) {
    this.sums = new Float64Array(k * data.X.cols);
    this.weights = new Float64Array(k);
    this.churn = new Float64Array(k);
  }

  /** Sums every row into its cluster, in row order. */
  recompute(labels: Int32Array): void {
    const { X, weights: w } = this.data;
    const { rows: n, cols: d, data: x } = X;
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
      for (let j = 0; j < d; j++) sums[so + j] += x[xo + j] * wi;
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

  /** Moves row i from cluster `from` to cluster `to`. */
  move(i: number, from: number, to: number): void {
    const { X, weights: w } = this.data;
    const wi = w[i];
    if (wi === 0) return;
    const d = X.cols;
    const x = X.data;
    const { sums, weights, churn } = this;
    const xo = i * d;
    const fromOffset = from * d;
    const toOffset = to * d;
    for (let j = 0; j < d; j++) {
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
}
