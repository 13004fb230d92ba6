import { InvalidInputError, type Matrix } from '@mixkit/core';
import {
  checkLength,
  checkMatrix,
  checkMinLength,
  checkRowRange,
  outputBuffer,
} from './internal/checks.js';
import { dotBlock } from './internal/dotBlock.js';
import { wasmDistances } from './internal/wasmDistances.js';

/**
 * Squared norms ||x_i||² of every row of X, written to `out` (length X.rows; allocated when omitted).
 */
export function rowSquaredNorms(X: Matrix, out?: Float64Array): Float64Array {
  checkMatrix(X, 'X');
  const d = X.cols;
  const norms = outputBuffer(out, X.rows);
  const data = X.data;
  for (let i = 0; i < X.rows; i++) {
    const row = i * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = data[row + t];
      s += v * v;
    }
    norms[i] = s;
  }
  return norms;
}

/**
 * The exact squared Euclidean distance Σ_t (a[aOffset+t] − b[bOffset+t])² between two d-vectors
 * stored inside larger arrays. Difference form: exactly 0 for identical vectors and free of the
 * cancellation that the norm expansion in `squaredDistances` suffers, at 1.5x its cost; meant
 * for single pairs (e.g. recomputing the winning distance after `squaredDistances`).
 */
export function squaredDistance(
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  d: number,
): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = a[aOffset + t] - b[bOffset + t];
    s += v * v;
  }
  return s;
}

/**
 * Pairwise squared Euclidean distances between rows `[start, end)` of X and every row of C,
 * written row-major to `out` ((end − start) x C.rows; allocated when omitted; must not overlap
 * X or C).
 *
 * Uses the expansion ||x − c||² = ||x||² + ||c||² − 2 x·c (as scikit-learn's `euclidean_distances`),
 * so the work is a blocked matrix product: 2 points x 4 centres per step, 8 running dot products
 * in registers and 6 loads per 8 multiply-adds, over cache slabs of about 64 KiB of rows and of
 * centres. Cancellation can make a tiny distance come out
 * slightly negative; results are clamped at 0, never negative (NaN stays NaN). Their absolute
 * error is about 1e-16·(||x||² + ||c||²), so for data far from the origin centre it first, or
 * recompute the few distances that matter with `squaredDistance`.
 *
 * When X and `out` live in one kernel memory (`allocateKernelArrays`), a WebAssembly SIMD kernel
 * runs instead (two centres per register, 2 rows x 8 centres per step; about 2.8x faster at
 * 100,000 x 64 centres in d = 32), with the same bits: each dot product still sums over the
 * columns in order.
 *
 * `xNorms` (indexed by absolute row: `xNorms[i]` for row i, so at least `end` long) and `cNorms`
 * (length C.rows) are optional precomputed squared norms (`rowSquaredNorms`), for callers that
 * call this repeatedly with the same rows or centres.
 */
export function squaredDistances(
  X: Matrix,
  start: number,
  end: number,
  C: Matrix,
  out?: Float64Array,
  xNorms?: Float64Array,
  cNorms?: Float64Array,
): Float64Array {
  checkRowRange(X, start, end);
  checkMatrix(C, 'C');
  const d = X.cols;
  if (C.cols !== d) {
    throw new InvalidInputError({ argument: 'C', value: C.cols }, `expected ${d} columns (X.cols)`);
  }
  const n = end - start;
  const k = C.rows;
  const D = outputBuffer(out, n * k);
  const x = X.data;
  const c = C.data;
  let xn: Float64Array;
  let xnOffset: number;
  if (xNorms === undefined) {
    xn = new Float64Array(n);
    xnOffset = -start;
    for (let r = 0; r < n; r++) xn[r] = norm(x, (start + r) * d, d);
  } else {
    checkMinLength(xNorms, end, 'xNorms');
    xn = xNorms;
    xnOffset = 0;
  }
  let cn: Float64Array;
  if (cNorms === undefined) {
    cn = rowSquaredNorms(C);
  } else {
    checkLength(cNorms, k, 'cNorms');
    cn = cNorms;
  }
  if (wasmDistances(x, start, end, d, c, k, xn, xnOffset, cn, D)) return D;
  // Cache blocking: a slab of about 64 KiB of rows of X meets a slab of about 64 KiB of centres, so
  // both stay in L2 while the 2 x 4 register kernel runs over them (for k·d ≤ 8192, as with 64
  // centres in d = 32, the centre slab is all of C and this is a single pass).
  const rowBlock = Math.max(2, (Math.floor(BLOCK_DOUBLES / Math.max(d, 1)) >> 1) << 1);
  const centreBlock = Math.max(4, (Math.floor(BLOCK_DOUBLES / Math.max(d, 1)) >> 2) << 2);
  const norms = { rows: xn, rowsOffset: xnOffset, cols: cn };
  for (let i0 = start; i0 < end; i0 += rowBlock) {
    const i1 = Math.min(i0 + rowBlock, end);
    for (let j0 = 0; j0 < k; j0 += centreBlock) {
      dotBlock(x, c, D, d, k, start, i0, i1, j0, Math.min(j0 + centreBlock, k), norms);
    }
  }
  return D;
}

/** Doubles per cache slab (64 KiB). */
const BLOCK_DOUBLES = 8192;

function norm(x: Float64Array, offset: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = x[offset + t];
    s += v * v;
  }
  return s;
}
