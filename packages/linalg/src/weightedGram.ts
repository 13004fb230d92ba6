import { InvalidInputError, type Matrix } from '@mixkit/core';
import { outputMatrix } from './internal/checkOutMatrix.js';
import { checkMatrix } from './internal/checks.js';

/**
 * Aᵀ·diag(w)·A (A n x d, w of length n; `null` means all ones, i.e. AᵀA) as a new symmetric d x d
 * matrix, or written into `out` (d x d, not sharing memory with A). Only the lower triangle is
 * accumulated, then mirrored, so the result is exactly symmetric.
 *
 * Each pass over the lower triangle is a rank-4 update from 4 rows of A, so every entry of the
 * result is loaded and stored once per 4 rows; zero-weight rows are skipped. This is the
 * uncentred second moment; for a covariance of data with a large mean use `weightedMeanScatter`,
 * which centres first.
 */
export function weightedGram(A: Matrix, weights: Float64Array | null, out?: Matrix): Matrix {
  checkMatrix(A, 'A');
  const n = A.rows;
  const d = A.cols;
  if (weights !== null && weights.length !== n) {
    throw new InvalidInputError(
      { argument: 'weights', value: weights.length },
      `expected one weight per row (${n})`,
    );
  }
  const G = outputMatrix(out, d, d, [A]);
  const g = G.data;
  const a = A.data;
  g.fill(0);
  // rows[r] and scaled[r] hold the r-th pending row and that row times its weight.
  const pending = new Float64Array(4 * d);
  const scaled = new Float64Array(4 * d);
  let filled = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n) {
      const w = weights === null ? 1 : weights[i];
      if (w === 0) continue;
      const row = i * d;
      const o = filled * d;
      for (let t = 0; t < d; t++) {
        const v = a[row + t];
        pending[o + t] = v;
        scaled[o + t] = w * v;
      }
      filled++;
      if (filled < 4) continue;
    } else {
      if (filled === 0) break;
      pending.fill(0, filled * d);
      scaled.fill(0, filled * d);
    }
    for (let u = 0; u < d; u++) {
      const s0 = scaled[u];
      const s1 = scaled[d + u];
      const s2 = scaled[2 * d + u];
      const s3 = scaled[3 * d + u];
      const gu = u * d;
      for (let v = 0; v <= u; v++) {
        g[gu + v] +=
          s0 * pending[v] + s1 * pending[d + v] + s2 * pending[2 * d + v] + s3 * pending[3 * d + v];
      }
    }
    filled = 0;
  }
  for (let u = 0; u < d; u++) {
    for (let v = 0; v < u; v++) g[v * d + u] = g[u * d + v];
  }
  return G;
}
