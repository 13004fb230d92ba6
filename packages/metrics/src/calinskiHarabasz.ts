import type { MatrixInput } from '@mixkit/core';
import { clusterMeans, toClusteredData } from './clusteredData.js';

/**
 * Calinski-Harabasz index (variance ratio criterion, Calinski & Harabasz 1974):
 * `[B / (k - 1)] / [W / (n - k)]` with B the between-cluster and W the within-cluster sum of
 * squares. Higher is better. As scikit-learn's `calinski_harabasz_score` (1 when W = 0).
 * O(n d) time, O(k d) memory. Requires 2 <= distinct labels <= n - 1.
 */
export function calinskiHarabasz(X: MatrixInput, labels: ArrayLike<number>): number {
  const data = toClusteredData(X, labels);
  const { rows: n, cols: d, data: values } = data.X;
  const k = data.nClusters;
  const means = clusterMeans(data);
  const grand = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) grand[j] += data.sizes[c] * means[c * d + j];
  }
  for (let j = 0; j < d; j++) grand[j] /= n;
  let between = 0;
  for (let c = 0; c < k; c++) {
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const diff = means[c * d + j] - grand[j];
      squared += diff * diff;
    }
    between += data.sizes[c] * squared;
  }
  // Within-cluster scatter about the cluster means (two-pass: no catastrophic cancellation).
  let within = 0;
  for (let i = 0; i < n; i++) {
    const base = data.codes[i] * d;
    for (let j = 0; j < d; j++) {
      const diff = values[i * d + j] - means[base + j];
      within += diff * diff;
    }
  }
  if (within === 0) return 1;
  return (between * (n - k)) / (within * (k - 1));
}
