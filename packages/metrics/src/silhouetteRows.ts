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
 * so memory is O(blockSize * n + n d), never O(n^2). The data are copied once, centred (which
 * leaves distances unchanged but shrinks the rounding error of the norm expansion used by
 * `squaredDistances`) and sorted by cluster (so each cluster's distances are one contiguous run
 * to sum); each row's distance to itself is set to exactly 0.
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
  // Rows sorted by cluster, so each cluster's distances are one contiguous run to sum.
  const clusterStart = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) clusterStart[c + 1] = clusterStart[c]! + sizes[c]!;
  const position = new Int32Array(n);
  const fill = clusterStart.slice(0, k);
  for (let i = 0; i < n; i++) position[i] = fill[codes[i]!]!++;
  const sorted = centredInOrder(X, position);
  const norms = rowSquaredNorms(sorted);
  const m = queries.length;
  const targets = new Int32Array(m);
  for (let r = 0; r < m; r++) targets[r] = position[queries[r]!]!;
  // Query rows gathered contiguously, so the kernel reads them in memory order.
  const Q = gather(sorted, targets);
  const queryNorms = new Float64Array(m);
  for (let r = 0; r < m; r++) queryNorms[r] = norms[targets[r]!]!;
  const rowsPerBlock = Math.min(blockSize, m);
  const distances = new Float64Array(rowsPerBlock * n);
  const squared = metric === 'sqeuclidean';
  for (let start = 0; start < m; start += rowsPerBlock) {
    throwIfAborted(options.signal, 'silhouette');
    const end = Math.min(m, start + rowsPerBlock);
    squaredDistances(Q, start, end, sorted, distances, queryNorms, norms);
    if (!squared) {
      const used = (end - start) * n;
      for (let t = 0; t < used; t++) distances[t] = Math.sqrt(distances[t]!);
    }
    for (let r = start; r < end; r++) {
      const offset = (r - start) * n;
      const self = targets[r]!;
      const own = codes[queries[r]!]!;
      if (sizes[own] === 1) {
        out[r] = 0;
        continue;
      }
      distances[offset + self] = 0;
      let a = 0;
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (
          let j = offset + clusterStart[c]!, stop = offset + clusterStart[c + 1]!;
          j < stop;
          j++
        ) {
          sum += distances[j]!;
        }
        if (c === own) a = sum / (sizes[c]! - 1);
        else if (sum / sizes[c]! < b) b = sum / sizes[c]!;
      }
      const scale = Math.max(a, b);
      out[r] = scale > 0 ? (b - a) / scale : 0;
    }
  }
  return out;
}

/** X with every column's mean subtracted, row i moved to row `position[i]`. */
function centredInOrder(X: Matrix, position: Int32Array): Matrix {
  const { rows: n, cols: d, data } = X;
  const means = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) means[j]! /= n;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const to = position[i]! * d;
    for (let j = 0; j < d; j++) out[to + j] = data[i * d + j]! - means[j]!;
  }
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
