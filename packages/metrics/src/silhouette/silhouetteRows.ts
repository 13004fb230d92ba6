import { assertInteger, createMatrix, type Matrix, throwIfAborted } from '@mixkit/core';
import { rowSquaredNorms, squaredDistances } from '@mixkit/linalg';
import type { ClusteredData } from '../clusteredData.js';
import type { SilhouetteMetric, SilhouetteOptions } from '../silhouetteOptions.js';

const defaultBlockDoubles = 1 << 18; // 2 MB of distances per block

/**
 * The data as every silhouette row reads it: centred (which leaves distances unchanged but
 * shrinks the rounding error of the norm expansion used by `squaredDistances`) and sorted by
 * cluster (so each cluster's distances are one contiguous run to sum). A plain value, so worker
 * threads share it.
 */
export interface SilhouetteData {
  /** The rows, centred, row i of the input at row `position[i]`. */
  readonly sorted: Matrix;
  /** Squared norm of each sorted row. */
  readonly norms: Float64Array;
  /** Where each input row went. */
  readonly position: Int32Array;
  /** Cluster code of each input row. */
  readonly codes: Int32Array;
  /** Rows in each cluster. */
  readonly sizes: Float64Array;
  /** Sorted rows of cluster c are `[clusterStart[c], clusterStart[c + 1])`. */
  readonly clusterStart: Int32Array;
  /** The dissimilarity. */
  readonly metric: SilhouetteMetric;
  /** Query rows whose distances to all n rows are held at once. */
  readonly blockSize: number;
}

/** Copies, centres and sorts the data once (O(n d)). */
export function prepareSilhouette(data: ClusteredData, options: SilhouetteOptions): SilhouetteData {
  const { X, codes, sizes, nClusters: k } = data;
  const n = X.rows;
  const blockSize = options.blockSize ?? Math.max(1, Math.floor(defaultBlockDoubles / n));
  assertInteger(blockSize, 'blockSize', 1);
  const clusterStart = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) clusterStart[c + 1] = clusterStart[c] + sizes[c];
  const position = new Int32Array(n);
  const fill = clusterStart.slice(0, k);
  for (let i = 0; i < n; i++) position[i] = fill[codes[i]]++;
  const sorted = centredInOrder(X, position);
  return {
    sorted,
    norms: rowSquaredNorms(sorted),
    position,
    codes,
    sizes,
    clusterStart,
    metric: options.metric ?? 'euclidean',
    blockSize,
  };
}

/** Scratch for `silhouetteOfRows`, sized for `rows` query rows at a time. */
export interface SilhouetteScratch {
  readonly distances: Float64Array;
  readonly Q: Matrix;
  readonly queryNorms: Float64Array;
  readonly targets: Int32Array;
}

/** Scratch for blocks of `data.blockSize` query rows (at most `rows`). */
export function silhouetteScratch(data: SilhouetteData, rows: number): SilhouetteScratch {
  const n = data.sorted.rows;
  const d = data.sorted.cols;
  const block = Math.max(1, Math.min(data.blockSize, rows));
  return {
    distances: new Float64Array(block * n),
    Q: createMatrix(block, d, new Float64Array(block * d)),
    queryNorms: new Float64Array(block),
    targets: new Int32Array(block),
  };
}

/**
 * Silhouette values (Rousseeuw 1987) of the input rows `queries[from .. to)`, each against all n
 * rows, into `out[outOffset + r - from]`: `s = (b - a) / max(a, b)` with `a` the mean
 * dissimilarity to the other rows of its own cluster and `b` the smallest mean dissimilarity to
 * another cluster. Rows of a singleton cluster, and rows with a = b = 0, get 0 (scikit-learn's
 * `nan_to_num` convention). Each row's value depends on that row alone (its distances summed
 * per cluster in sorted order), never on which rows share its block or its thread.
 */
export function silhouetteOfRows(
  data: SilhouetteData,
  queries: Int32Array,
  from: number,
  to: number,
  scratch: SilhouetteScratch,
  out: Float64Array,
  outOffset: number,
  signal?: AbortSignal,
): Float64Array {
  const { sorted, norms, position, codes, sizes, clusterStart } = data;
  const n = sorted.rows;
  const d = sorted.cols;
  const k = sizes.length;
  const { distances, Q, queryNorms, targets } = scratch;
  const squared = data.metric === 'sqeuclidean';
  for (let start = from; start < to; start += Q.rows) {
    throwIfAborted(signal, 'silhouette');
    const rows = Math.min(Q.rows, to - start);
    // Query rows gathered contiguously, so the kernel reads them in memory order.
    for (let r = 0; r < rows; r++) {
      const target = position[queries[start + r]];
      targets[r] = target;
      queryNorms[r] = norms[target];
      Q.data.set(sorted.data.subarray(target * d, target * d + d), r * d);
    }
    squaredDistances(Q, 0, rows, sorted, distances, queryNorms, norms);
    if (!squared) {
      const used = rows * n;
      for (let t = 0; t < used; t++) distances[t] = Math.sqrt(distances[t]);
    }
    for (let r = 0; r < rows; r++) {
      const at = outOffset + start - from + r;
      const offset = r * n;
      const own = codes[queries[start + r]];
      if (sizes[own] === 1) {
        out[at] = 0;
        continue;
      }
      distances[offset + targets[r]] = 0;
      let a = 0;
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let j = offset + clusterStart[c], stop = offset + clusterStart[c + 1]; j < stop; j++) {
          sum += distances[j];
        }
        if (c === own) a = sum / (sizes[c] - 1);
        else if (sum / sizes[c] < b) b = sum / sizes[c];
      }
      const scale = Math.max(a, b);
      out[at] = scale > 0 ? (b - a) / scale : 0;
    }
  }
  return out;
}

/**
 * Silhouette values of the rows `queries` of the data, each against all n rows, block by
 * block: memory O(blockSize * n + n d), never O(n^2).
 */
export function silhouetteRows(
  data: ClusteredData,
  queries: Int32Array,
  options: SilhouetteOptions,
  out: Float64Array,
): Float64Array {
  const prepared = prepareSilhouette(data, options);
  const scratch = silhouetteScratch(prepared, queries.length);
  return silhouetteOfRows(prepared, queries, 0, queries.length, scratch, out, 0, options.signal);
}

/** X with every column's mean subtracted, row i moved to row `position[i]`. */
function centredInOrder(X: Matrix, position: Int32Array): Matrix {
  const { rows: n, cols: d, data } = X;
  const means = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j] += data[i * d + j];
  for (let j = 0; j < d; j++) means[j] /= n;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const to = position[i] * d;
    for (let j = 0; j < d; j++) out[to + j] = data[i * d + j] - means[j];
  }
  return createMatrix(n, d, out);
}
