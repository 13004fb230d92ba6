import type { MatrixInput } from '@mixkit/core';
import { clusterMeans, toClusteredData } from './clusteredData.js';

/**
 * Davies-Bouldin index (Davies & Bouldin 1979): the mean over clusters of the worst ratio
 * `(s_i + s_j) / d(c_i, c_j)`, where `s_i` is the mean distance of cluster i's rows to its
 * centroid `c_i`. Lower is better, 0 is the minimum. As scikit-learn's `davies_bouldin_score`,
 * including its conventions: 0 when all `s_i` or all centroid distances are (about) 0, and
 * coincident centroids are ignored. O(n d + k^2 d) time, O(k d) memory.
 */
export function daviesBouldin(X: MatrixInput, labels: ArrayLike<number>): number {
  const data = toClusteredData(X, labels);
  const { rows: n, cols: d, data: values } = data.X;
  const k = data.nClusters;
  const means = clusterMeans(data);
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = data.codes[i];
    let squared = 0;
    for (let j = 0; j < d; j++) {
      const diff = values[i * d + j] - means[c * d + j];
      squared += diff * diff;
    }
    spread[c] += Math.sqrt(squared);
  }
  let allSpreadsZero = true;
  for (let c = 0; c < k; c++) {
    spread[c] /= data.sizes[c];
    if (spread[c] > 1e-8) allSpreadsZero = false; // numpy.allclose(x, 0): |x| <= 1e-8
  }
  const separation = new Float64Array(k * k);
  let allSeparationsZero = true;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = means[a * d + j] - means[b * d + j];
        squared += diff * diff;
      }
      const distance = Math.sqrt(squared);
      separation[a * k + b] = distance;
      separation[b * k + a] = distance;
      if (distance > 1e-8) allSeparationsZero = false;
    }
  }
  if (allSpreadsZero || allSeparationsZero) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      const distance = separation[a * k + b];
      // Coincident centroids (distance 0, including a = b) count as infinitely far, as in sklearn.
      if (distance === 0) continue;
      const ratio = (spread[a] + spread[b]) / distance;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / k;
}
