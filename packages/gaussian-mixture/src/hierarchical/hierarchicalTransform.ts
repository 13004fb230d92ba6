import { assertUnreachable, type Matrix } from '@mixkit/core';
import { symmetricEigen } from '@mixkit/linalg';

/**
 * How the data is transformed before the agglomeration (mclust's `hcUse`):
 * - `'SVD'` (mclust's default since 5.4): standardised columns projected on their right singular
 *   vectors and scaled by the inverse square roots of the singular values;
 * - `'STD'`: standardised columns (centred, divided by the standard deviation, n − 1);
 * - `'VARS'`: the data as it is.
 * Columns with no spread are dropped by `'STD'` and `'SVD'` (mclust's `dropCols`).
 */
export type HierarchicalUse = 'SVD' | 'STD' | 'VARS';

/** The data the agglomeration runs on (a new matrix unless `use` is `'VARS'`). */
export function hierarchicalTransform(X: Matrix, use: HierarchicalUse): Matrix {
  switch (use) {
    case 'VARS':
      return X;
    case 'STD':
      return standardize(X);
    case 'SVD':
      return svdScores(standardize(X));
    default:
      return assertUnreachable(use, 'use');
  }
}

/** `scale(X, center = TRUE, scale = TRUE)` without the columns of zero spread. */
function standardize(X: Matrix): Matrix {
  const { rows: n, cols: p, data } = X;
  const keep: number[] = [];
  const means = new Float64Array(p);
  const sds = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += data[i * p + c];
    mean /= n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (data[i * p + c] - mean) ** 2;
    means[c] = mean;
    sds[c] = Math.sqrt(sum / (n - 1));
    if (sds[c] > 0 && Number.isFinite(sds[c])) keep.push(c);
  }
  const q = keep.length;
  const out = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    keep.forEach((c, k) => {
      out[i * q + k] = (data[i * p + c] - means[c]) / sds[c];
    });
  }
  return { rows: n, cols: q, data: out };
}

/**
 * Z = S·V·diag(σ)^(-1/2) for the standardised data S = U·diag(σ)·Vᵀ, with V and σ² from the
 * eigendecomposition of SᵀS (singular values that are zero give no column).
 */
function svdScores(S: Matrix): Matrix {
  const { rows: n, cols: p, data } = S;
  const gram = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) {
      const value = data[i * p + a];
      for (let b = 0; b <= a; b++) gram[a * p + b] += value * data[i * p + b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) gram[b * p + a] = gram[a * p + b];
  const { values, vectors } = symmetricEigen(p, gram);
  const columns: number[] = [];
  for (let j = p - 1; j >= 0; j--) if (values[j] > 0) columns.push(j);
  const q = columns.length;
  const out = new Float64Array(n * q);
  columns.forEach((j, k) => {
    const scale = values[j] ** -0.25;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let a = 0; a < p; a++) sum += data[i * p + a] * vectors[a * p + j];
      out[i * q + k] = sum * scale;
    }
  });
  return { rows: n, cols: q, data: out };
}
