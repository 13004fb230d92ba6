import { InvalidInputError, type Matrix, type MatrixInput, toMatrix } from '@mixkit/core';
import { encodeLabels } from './encodeLabels.js';

/** Validated data and labels for the internal (label-free) metrics. */
export interface ClusteredData {
  readonly X: Matrix;
  /** Dense cluster code of each row, in [0, nClusters). */
  readonly codes: Int32Array;
  readonly nClusters: number;
  /** Number of rows in each cluster. */
  readonly sizes: Float64Array;
}

/**
 * Validates `X` (finite, non-empty) and `labels` (safe integers, one per row) and requires
 * 2 <= clusters <= n - 1, as scikit-learn's `check_number_of_labels`: with one cluster, or one
 * row per cluster, the silhouette, Davies-Bouldin and Calinski-Harabasz indices are undefined.
 */
export function toClusteredData(input: MatrixInput, labels: ArrayLike<number>): ClusteredData {
  const X = toMatrix(input, { argument: 'X' });
  const { codes, values } = encodeLabels(labels, 'labels');
  if (codes.length !== X.rows) {
    throw new InvalidInputError(
      { argument: 'labels', value: codes.length },
      `expected one label per row of X (${X.rows})`,
    );
  }
  const nClusters = values.length;
  if (nClusters < 2 || nClusters > X.rows - 1) {
    throw new InvalidInputError(
      { argument: 'labels', value: nClusters },
      `the number of distinct labels must be between 2 and n - 1 = ${X.rows - 1}`,
    );
  }
  const sizes = new Float64Array(nClusters);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]] += 1;
  return { X, codes, nClusters, sizes };
}

/** The k x d matrix of cluster means (row-major), in one pass over the data. */
export function clusterMeans(data: ClusteredData): Float64Array {
  const { X, codes, nClusters, sizes } = data;
  const d = X.cols;
  const means = new Float64Array(nClusters * d);
  for (let i = 0; i < X.rows; i++) {
    const base = codes[i] * d;
    const row = i * d;
    for (let j = 0; j < d; j++) means[base + j] += X.data[row + j];
  }
  for (let c = 0; c < nClusters; c++) {
    const inv = 1 / sizes[c];
    for (let j = 0; j < d; j++) means[c * d + j] *= inv;
  }
  return means;
}
