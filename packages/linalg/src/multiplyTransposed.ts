import { InvalidInputError, type Matrix } from '@mixkit/core';
import { outputMatrix } from './internal/checkOutMatrix.js';
import { checkMatrix } from './internal/checks.js';
import { dotBlock } from './internal/dotBlock.js';

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
  const blockRows = Math.max(4, (Math.floor(B_BLOCK_DOUBLES / Math.max(d, 1)) >> 2) << 2);
  for (let jj = 0; jj < p; jj += blockRows) {
    dotBlock(A.data, B.data, C.data, d, p, 0, 0, n, jj, Math.min(jj + blockRows, p));
  }
  return C;
}
