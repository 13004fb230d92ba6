import { createRandom, type Matrix } from '@mixkit/core';

/**
 * Seeded Gaussian blobs for tests: `k` centers drawn uniformly in [-spread, spread]^d, then
 * `n` rows split evenly among them with unit-variance noise. Returns the data and true labels.
 */
export function blobs(
  n: number,
  d: number,
  k: number,
  seed: number,
  spread = 10,
): { X: Matrix; labels: Int32Array } {
  const random = createRandom(seed);
  const centers = new Float64Array(k * d);
  for (let t = 0; t < k * d; t++) centers[t] = (2 * random.uniform() - 1) * spread;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels[i] = c;
    for (let j = 0; j < d; j++) data[i * d + j] = centers[c * d + j] + random.normal();
  }
  return { X: { rows: n, cols: d, data }, labels };
}

/** The rows at `indices`, as a matrix (initial centers for tests). */
export function pickRows(X: Matrix, indices: readonly number[]): Matrix {
  const d = X.cols;
  const data = new Float64Array(indices.length * d);
  indices.forEach((row, c) => {
    data.set(X.data.subarray(row * d, row * d + d), c * d);
  });
  return { rows: indices.length, cols: d, data };
}
