import type { Matrix } from '@mixkit/core';

/**
 * The M-step of spherical k-means (Dhillon & Modha 2001, eq. 5): each centre becomes the concept
 * vector of its rows, c = Σ w·x / ‖Σ w·x‖, written into `centers`. A cluster with no weight (or
 * whose rows cancel out) is re-seeded at the row least similar to its own centre, a row no other
 * re-seed took (scikit-learn's rule for k-means, with cosine for distance). Returns the clusters
 * re-seeded, in order.
 */
export function conceptVectors(
  X: Matrix,
  weights: Float64Array,
  labels: Int32Array,
  similarity: Float64Array,
  centers: Matrix,
): number[] {
  const { rows: n, cols: d, data } = X;
  const k = centers.rows;
  const sums = centers.data;
  sums.fill(0);
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const offset = labels[i] * d;
    for (let j = 0; j < d; j++) sums[offset + j] += w * data[i * d + j];
  }
  const reseeded: number[] = [];
  const taken = new Set<number>();
  for (let c = 0; c < k; c++) {
    let squared = 0;
    for (let j = 0; j < d; j++) squared += sums[c * d + j] * sums[c * d + j];
    if (squared > 0) {
      const scale = 1 / Math.sqrt(squared);
      for (let j = 0; j < d; j++) sums[c * d + j] *= scale;
      continue;
    }
    let worst = -1;
    for (let i = 0; i < n; i++) {
      if (weights[i] === 0 || taken.has(i)) continue;
      if (worst < 0 || similarity[i] < similarity[worst]) worst = i;
    }
    if (worst < 0) worst = reseeded.length % n;
    taken.add(worst);
    sums.set(data.subarray(worst * d, worst * d + d), c * d);
    similarity[worst] = 1;
    reseeded.push(c);
  }
  return reseeded;
}
