import { InvalidInputError, type Matrix } from '@mixkit/core';
import { outputMatrix } from './internal/checkOutMatrix.js';
import { checkMatrix } from './internal/checks.js';

/** Bytes of B kept hot per block: 64 KiB fits L2 everywhere (and L1 on many cores). */
const B_BLOCK_DOUBLES = 8192;

/**
 * A·Bᵀ (A n x d, B p x d) as a new n x p matrix, or written into `out` (which must have that
 * shape and must not share memory with A or B). Every entry is a dot product of two contiguous
 * rows, so no transpose is materialised.
 *
 * Register-blocked 2 rows of A x 4 rows of B (8 running sums, 6 loads per 8 multiply-adds), and
 * cache-blocked over B in slabs of about 64 KiB that every row of A reuses.
 */
export function multiplyTransposed(A: Matrix, B: Matrix, out?: Matrix): Matrix {
  checkMatrix(A, 'A');
  checkMatrix(B, 'B');
  if (A.cols !== B.cols) {
    throw new InvalidInputError(
      { argument: 'B', value: B.cols },
      `expected ${A.cols} columns (A.cols)`,
    );
  }
  const n = A.rows;
  const d = A.cols;
  const p = B.rows;
  const C = outputMatrix(out, n, p, [A, B]);
  const a = A.data;
  const b = B.data;
  const c = C.data;
  const blockRows = Math.max(4, (Math.floor(B_BLOCK_DOUBLES / Math.max(d, 1)) >> 2) << 2);
  for (let jj = 0; jj < p; jj += blockRows) {
    const jEnd = Math.min(jj + blockRows, p);
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      const p0 = i * d;
      const p1 = p0 + d;
      const o0 = i * p;
      const o1 = o0 + p;
      let j = jj;
      for (; j + 4 <= jEnd; j += 4) {
        const q0 = j * d;
        const q1 = q0 + d;
        const q2 = q1 + d;
        const q3 = q2 + d;
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let t = 0; t < d; t++) {
          const x0 = a[p0 + t];
          const x1 = a[p1 + t];
          const y0 = b[q0 + t];
          const y1 = b[q1 + t];
          const y2 = b[q2 + t];
          const y3 = b[q3 + t];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        c[o0 + j] = s00;
        c[o0 + j + 1] = s01;
        c[o0 + j + 2] = s02;
        c[o0 + j + 3] = s03;
        c[o1 + j] = s10;
        c[o1 + j + 1] = s11;
        c[o1 + j + 2] = s12;
        c[o1 + j + 3] = s13;
      }
      for (; j < jEnd; j++) {
        const q = j * d;
        let s0 = 0;
        let s1 = 0;
        for (let t = 0; t < d; t++) {
          const y = b[q + t];
          s0 += a[p0 + t] * y;
          s1 += a[p1 + t] * y;
        }
        c[o0 + j] = s0;
        c[o1 + j] = s1;
      }
    }
    if (i < n) {
      const p0 = i * d;
      const o0 = i * p;
      for (let j = jj; j < jEnd; j++) {
        const q = j * d;
        let s = 0;
        for (let t = 0; t < d; t++) s += a[p0 + t] * b[q + t];
        c[o0 + j] = s;
      }
    }
  }
  return C;
}
