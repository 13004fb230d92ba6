import type { Matrix } from '@mixkit/core';

/** Rows sampled (evenly spaced) to suggest a radius. */
const SAMPLED_ROWS = 256;
/** The share of sampled rows the suggested radius makes core points. */
const CORE_SHARE = 0.75;

/**
 * A DBSCAN radius from the data, for `eps=auto`: the 75th percentile, over up to 256 evenly spaced
 * rows, of the distance to the `minPts`-th nearest row (the row itself counted, as DBSCAN counts
 * it). With it about three rows in four are core points: dense regions join, sparse rows stay
 * noise. Deterministic (no random source), O(256·n·d) time: the worker computes it.
 */
export function suggestEps(X: Matrix, minPts: number): number {
  const { rows: n, cols: d, data } = X;
  if (n < 2) return 1;
  const sampled = Math.min(n, SAMPLED_ROWS);
  const distances = new Float64Array(n);
  const kth = new Float64Array(sampled);
  const rank = Math.min(n, Math.max(1, minPts)) - 1;
  for (let s = 0; s < sampled; s++) {
    const i = Math.floor((s * n) / sampled);
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = (data[i * d + j] as number) - (data[r * d + j] as number);
        sum += diff * diff;
      }
      distances[r] = sum;
    }
    kth[s] = Math.sqrt(select(distances, rank));
  }
  kth.sort();
  const value = kth[Math.min(sampled - 1, Math.floor(CORE_SHARE * sampled))] as number;
  // Duplicated rows give 0: fall back to the spread of the sample's distances.
  return value > 0 ? value : (kth[sampled - 1] as number) || 1;
}

/** The k-th smallest value of `values` (0-based), reordering it in place (Hoare's quickselect). */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] as number;
  }
  return values[k] as number;
}
