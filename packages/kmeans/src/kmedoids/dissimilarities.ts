import { assertUnreachable, InvalidInputError, type Matrix } from '@mixkit/core';
import { squaredDistance } from '@mixkit/linalg';
import type { KMedoidsMetric } from './kmedoidsOptions.js';

/**
 * Distances from every row of A to every row of B under `metric` (not `'precomputed'`), written
 * row-major to an A.rows x B.rows Float64Array. Euclidean uses differences (exact zeros for equal
 * rows, symmetric). Cosine distance is 1 − a·b / (|a||b|); a zero row has no direction and is
 * rejected with `InvalidInputError`.
 */
export function dissimilarities(
  A: Matrix,
  B: Matrix,
  metric: Exclude<KMedoidsMetric, 'precomputed'>,
  argument = 'X',
): Float64Array {
  const { rows: n, cols: d, data: a } = A;
  const m = B.rows;
  const b = B.data;
  const out = new Float64Array(n * m);
  switch (metric) {
    case 'euclidean':
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++)
          out[i * m + j] = Math.sqrt(squaredDistance(a, i * d, b, j * d, d));
      }
      return out;
    case 'manhattan':
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let t = 0; t < d; t++) s += Math.abs(a[i * d + t] - b[j * d + t]);
          out[i * m + j] = s;
        }
      }
      return out;
    case 'cosine': {
      const normsA = rowNorms(A, argument);
      const normsB = rowNorms(B, argument);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += a[i * d + t] * b[j * d + t];
          // Clamp: rounding can push cos θ slightly beyond [-1, 1].
          out[i * m + j] = Math.max(0, 1 - dot / (normsA[i] * normsB[j]));
        }
      }
      return out;
    }
    default:
      return assertUnreachable(metric, 'metric');
  }
}

/** Euclidean norm of every row; rejects an all-zero row (cosine distance needs a direction). */
export function rowNorms(X: Matrix, argument: string): Float64Array {
  const { rows: n, cols: d, data } = X;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += data[i * d + t] * data[i * d + t];
    norms[i] = Math.sqrt(s);
    if (norms[i] === 0) {
      throw new InvalidInputError(
        { argument, row: i },
        'the cosine distance is undefined for an all-zero row',
      );
    }
  }
  return norms;
}
