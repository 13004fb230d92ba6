import { createMatrix, type Matrix } from '../matrix.js';
import type { RandomSource } from '../random.js';
import type { DataRequest, LabelledData } from './types.js';

/**
 * The battery's default data: isotropic unit-variance Gaussian blobs in 2 columns, row i in
 * cluster i mod k, centers on the diagonal 20 apart (`'separated'`: 14 standard deviations in
 * each column, so every correct clusterer recovers them) or 2.5 apart (`'overlapping'`).
 * Both columns separate the clusters, so scaling either column keeps them separable.
 */
export function gaussianBlobs(request: DataRequest): LabelledData {
  const { rows, nClusters, random } = request;
  const gap = request.separation === 'separated' ? 20 : 2.5;
  const X = createMatrix(rows, 2);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % nClusters;
    labels[i] = c;
    X.data[2 * i] = gap * c + random.normal();
    X.data[2 * i + 1] = gap * c + random.normal();
  }
  return { X, labels };
}

/** X with column j multiplied by `factors[j % factors.length]`. */
export function scaleColumns(X: Matrix, factors: readonly number[]): Matrix {
  const out = createMatrix(X.rows, X.cols);
  for (let t = 0; t < X.data.length; t++) {
    out.data[t] = (X.data[t] ?? 0) * (factors[(t % X.cols) % factors.length] ?? 1);
  }
  return out;
}

/** A uniformly random permutation of 0 .. n − 1 (Fisher–Yates). */
export function permutation(n: number, random: RandomSource): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
  return order;
}

/** X with one value replaced. */
export function withValue(X: Matrix, row: number, column: number, value: number): Matrix {
  const out = createMatrix(X.rows, X.cols, Float64Array.from(X.data));
  out.data[row * X.cols + column] = value;
  return out;
}

/** X with one column more (zeros) or one fewer. */
export function withWidth(X: Matrix, cols: number): Matrix {
  const out = createMatrix(X.rows, cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < Math.min(cols, X.cols); j++) {
      out.data[i * cols + j] = X.data[i * X.cols + j] ?? 0;
    }
  }
  return out;
}
