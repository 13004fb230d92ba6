import type { Matrix } from '@mixkit/core';
import { squaredDistance } from '@mixkit/linalg';

/**
 * For every center, the other centers sorted by distance from it: `order[a*(k−1) + t]` is the
 * t-th nearest other center of c_a and `distance[a*(k−1) + t]` its distance. `halfMin[a]` is half
 * the distance to the nearest one (Infinity when k = 1). Used to skip, for a row near c_a, every
 * center beyond a radius R: d(x, c_j) >= d(c_a, c_j) − d(x, c_a) (triangle inequality), so with
 * R >= 2·d(x, c_a) those centers cannot be nearer than c_a (Elkan 2003, Lemma 1; the annulus /
 * exponion idea of Drake & Hamerly 2012 and Newling & Fleuret 2016).
 */
export class CenterNeighbors {
  readonly order: Int32Array;
  readonly distance: Float64Array;
  readonly halfMin: Float64Array;
  private readonly pairs: Float64Array;
  private readonly keys: Int32Array;

  constructor(readonly k: number) {
    const width = Math.max(0, k - 1);
    this.order = new Int32Array(k * width);
    this.distance = new Float64Array(k * width);
    this.halfMin = new Float64Array(k);
    this.pairs = new Float64Array(k * k);
    this.keys = new Int32Array(width);
  }

  /** Recomputes everything for `centers`; returns the number of distances computed. */
  update(centers: Matrix): number {
    const { k, pairs, order, distance, halfMin, keys } = this;
    const d = centers.cols;
    const c = centers.data;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const value = Math.sqrt(squaredDistance(c, a * d, c, b * d, d));
        pairs[a * k + b] = value;
        pairs[b * k + a] = value;
      }
    }
    const width = k - 1;
    for (let a = 0; a < k; a++) {
      let t = 0;
      for (let b = 0; b < k; b++) if (b !== a) keys[t++] = b;
      const row = a * k;
      // k is small (tens to a few thousand) and this runs once per iteration.
      keys.sort((x, y) => pairs[row + x]! - pairs[row + y]! || x - y);
      for (t = 0; t < width; t++) {
        order[a * width + t] = keys[t]!;
        distance[a * width + t] = pairs[row + keys[t]!]!;
      }
      halfMin[a] = width > 0 ? 0.5 * distance[a * width]! : Number.POSITIVE_INFINITY;
    }
    return (k * (k - 1)) / 2;
  }
}
