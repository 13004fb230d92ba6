import { InvalidInputError, type Matrix } from '@mixkit/core';
import { outputMatrix } from './internal/checkOutMatrix.js';
import { checkMatrix } from './internal/checks.js';

/** Rows of B per cache block: a 64-row slab of B stays in cache while every row of A uses it. */
const K_BLOCK = 64;
/** Columns per cache block, so that a K_BLOCK x J_BLOCK slab of B is 64 x 256 x 8 B = 128 KiB. */
const J_BLOCK = 256;

/**
 * The matrix product A·B (A n x m, B m x p) as a new n x p matrix, or written into `out`
 * (which must have that shape and must not share memory with A or B).
 *
 * Loop order i-k-j runs the innermost loop along contiguous rows of B and of the result
 * (the memory-order lesson of ml-matrix commit 22548f2); B is walked in 64 x 256 slabs so each
 * slab is reused from cache by every row of A, and 4 rows of B are combined per pass over a row
 * of the result, quartering its loads and stores.
 */
export function multiply(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  checkMatrix(A, 'A');
  checkMatrix(B, 'B');
  if (A.cols !== B.rows) {
    throw new InvalidInputError(
      { argument: 'B', value: B.rows },
      `expected ${A.cols} rows (A.cols) to multiply a ${A.rows} x ${A.cols} matrix`,
    );
  }
  const n = A.rows;
  const m = A.cols;
  const p = B.cols;
  const C = outputMatrix(out, n, p, [A, B]);
  const a = A.data;
  const b = B.data;
  const c = C.data;
  c.fill(0);
  for (let kk = 0; kk < m; kk += K_BLOCK) {
    const kEnd = Math.min(kk + K_BLOCK, m);
    for (let jj = 0; jj < p; jj += J_BLOCK) {
      const jEnd = Math.min(jj + J_BLOCK, p);
      for (let i = 0; i < n; i++) {
        const ai = i * m;
        const ci = i * p;
        let k = kk;
        for (; k + 4 <= kEnd; k += 4) {
          const a0 = a[ai + k];
          const a1 = a[ai + k + 1];
          const a2 = a[ai + k + 2];
          const a3 = a[ai + k + 3];
          const b0 = k * p;
          const b1 = b0 + p;
          const b2 = b1 + p;
          const b3 = b2 + p;
          for (let j = jj; j < jEnd; j++) {
            c[ci + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
          }
        }
        for (; k < kEnd; k++) {
          const aik = a[ai + k];
          const bk = k * p;
          for (let j = jj; j < jEnd; j++) c[ci + j] += aik * b[bk + j];
        }
      }
    }
  }
  return C;
}
