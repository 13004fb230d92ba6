import { assertInteger, createMatrix, type Matrix, throwIfAborted } from '@mixkit/core';
import { rowSquaredNorms, squaredDistances } from '@mixkit/linalg';
import type { ClusteredData } from './clusteredData.js';
import type { SilhouetteOptions } from './silhouetteOptions.js';

const defaultBlockDoubles = 1 << 18; // 2 MB of distances per block

/**
 * Silhouette values (Rousseeuw 1987) of the rows `queries` of the data, each against all n rows:
 * `s = (b - a) / max(a, b)` with `a` the mean dissimilarity to the other rows of its own cluster
 * and `b` the smallest mean dissimilarity to another cluster. Rows of a singleton cluster, and
 * rows with a = b = 0, get 0 (scikit-learn's `nan_to_num` convention).
 *
 * Works block by block: `blockSize` query rows' distances to all n rows, then per-cluster sums,
 * so memory is O(blockSize * n + k * blockSize), never O(n^2). The data are centred first,
 * which leaves distances unchanged but shrinks the rounding error of the norm expansion used by
 * `squaredDistances`; each row's distance to itself is set to exactly 0.
 */
export function silhouetteRows(
  data: ClusteredData,
  queries: Int32Array,
  options: SilhouetteOptions,
  out: Float64Array,
): Float64Array {
  const { X, codes, sizes, nClusters: k } = data;
  const n = X.rows;
  const metric = options.metric ?? 'euclidean';
  const blockSize = options.blockSize ?? Math.max(1, Math.floor(defaultBlockDoubles / n));
  assertInteger(blockSize, 'blockSize', 1);
  const centred = centre(X);
  const norms = rowSquaredNorms(centred);
  const m = queries.length;
  // Query rows gathered contiguously, so the kernel reads them in memory order.
  const Q = gather(centred, queries);
  const queryNorms = new Float64Array(m);
  for (let r = 0; r < m; r++) queryNorms[r] = norms[queries[r]!]!;
  const rowsPerBlock = Math.min(blockSize, m);
  const distances = new Float64Array(rowsPerBlock * n);
  const sums = new Float64Array(k);
  const squared = metric === 'sqeuclidean';
  for (let start = 0; start < m; start += rowsPerBlock) {
    throwIfAborted(options.signal, 'silhouette');
    const end = Math.min(m, start + rowsPerBlock);
    squaredDistances(Q, start, end, centred, distances, queryNorms, norms);
    for (let r = start; r < end; r++) {
      const offset = (r - start) * n;
      const self = queries[r]!;
      distances[offset + self] = 0;
      sums.fill(0);
      if (squared) {
        for (let j = 0; j < n; j++) sums[codes[j]!]! += distances[offset + j]!;
      } else {
        for (let j = 0; j < n; j++) sums[codes[j]!]! += Math.sqrt(distances[offset + j]!);
      }
      const own = codes[self]!;
      if (sizes[own] === 1) {
        out[r] = 0;
        continue;
      }
      const a = sums[own]! / (sizes[own]! - 1);
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        if (c === own) continue;
        const mean = sums[c]! / sizes[c]!;
        if (mean < b) b = mean;
      }
      const scale = Math.max(a, b);
      out[r] = scale > 0 ? (b - a) / scale : 0;
    }
  }
  return out;
}

/** A copy of X with every column's mean subtracted. */
function centre(X: Matrix): Matrix {
  const { rows: n, cols: d, data } = X;
  const means = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) means[j]! /= n;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) out[i * d + j] = data[i * d + j]! - means[j]!;
  return createMatrix(n, d, out);
}

/** The rows `indices` of X as a new contiguous matrix. */
function gather(X: Matrix, indices: Int32Array): Matrix {
  const d = X.cols;
  const out = new Float64Array(indices.length * d);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r]! * d;
    out.set(X.data.subarray(from, from + d), r * d);
  }
  return createMatrix(indices.length, d, out);
}
