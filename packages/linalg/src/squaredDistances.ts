import { InvalidInputError, type Matrix } from '@mixkit/core';
import {
  checkLength,
  checkMatrix,
  checkMinLength,
  checkRowRange,
  outputBuffer,
} from './internal/checks.js';

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
  // Cache blocking: a slab of about 64 KiB of rows of X meets a slab of about 64 KiB of centres, so
  // both stay in L2 while the 2 x 4 register kernel runs over them (for k·d ≤ 8192, as with 64
  // centres in d = 32, the centre slab is all of C and this is a single pass).
  const rowBlock = Math.max(2, (Math.floor(BLOCK_DOUBLES / Math.max(d, 1)) >> 1) << 1);
  const centreBlock = Math.max(4, (Math.floor(BLOCK_DOUBLES / Math.max(d, 1)) >> 2) << 2);
  for (let i0 = start; i0 < end; i0 += rowBlock) {
    const i1 = Math.min(i0 + rowBlock, end);
    for (let j0 = 0; j0 < k; j0 += centreBlock) {
      const j1 = Math.min(j0 + centreBlock, k);
      distanceBlock(x, c, D, xn, xnOffset, cn, d, k, start, i0, i1, j0, j1);
    }
  }
  return D;
}

/** Doubles per cache slab (64 KiB). */
const BLOCK_DOUBLES = 8192;

/**
 * Distances of rows [i0, i1) of x to centres [j0, j1) of c into D (row i at (i − start)·k):
 * 2 rows x 4 centres per step with 8 running dot products.
 */
function distanceBlock(
  x: Float64Array,
  c: Float64Array,
  D: Float64Array,
  xn: Float64Array,
  xnOffset: number,
  cn: Float64Array,
  d: number,
  k: number,
  start: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
): void {
  let i = i0;
  for (; i + 2 <= i1; i += 2) {
    const p0 = i * d;
    const p1 = p0 + d;
    const n0 = xn[i + xnOffset];
    const n1 = xn[i + 1 + xnOffset];
    const o0 = (i - start) * k;
    const o1 = o0 + k;
    let j = j0;
    for (; j + 4 <= j1; j += 4) {
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
        const a0 = x[p0 + t];
        const a1 = x[p1 + t];
        const b0 = c[q0 + t];
        const b1 = c[q1 + t];
        const b2 = c[q2 + t];
        const b3 = c[q3 + t];
        s00 += a0 * b0;
        s01 += a0 * b1;
        s02 += a0 * b2;
        s03 += a0 * b3;
        s10 += a1 * b0;
        s11 += a1 * b1;
        s12 += a1 * b2;
        s13 += a1 * b3;
      }
      const m0 = cn[j];
      const m1 = cn[j + 1];
      const m2 = cn[j + 2];
      const m3 = cn[j + 3];
      D[o0 + j] = clamp(n0 + m0 - 2 * s00);
      D[o0 + j + 1] = clamp(n0 + m1 - 2 * s01);
      D[o0 + j + 2] = clamp(n0 + m2 - 2 * s02);
      D[o0 + j + 3] = clamp(n0 + m3 - 2 * s03);
      D[o1 + j] = clamp(n1 + m0 - 2 * s10);
      D[o1 + j + 1] = clamp(n1 + m1 - 2 * s11);
      D[o1 + j + 2] = clamp(n1 + m2 - 2 * s12);
      D[o1 + j + 3] = clamp(n1 + m3 - 2 * s13);
    }
    for (; j < j1; j++) {
      const q = j * d;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < d; t++) {
        const b = c[q + t];
        s0 += x[p0 + t] * b;
        s1 += x[p1 + t] * b;
      }
      D[o0 + j] = clamp(n0 + cn[j] - 2 * s0);
      D[o1 + j] = clamp(n1 + cn[j] - 2 * s1);
    }
  }
  if (i < i1) {
    const p = i * d;
    const np = xn[i + xnOffset];
    const o = (i - start) * k;
    for (let j = j0; j < j1; j++) {
      const q = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += x[p + t] * c[q + t];
      D[o + j] = clamp(np + cn[j] - 2 * s);
    }
  }
}

function norm(x: Float64Array, offset: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const v = x[offset + t];
    s += v * v;
  }
  return s;
}

/** max(v, 0) that keeps NaN visible (a NaN distance must not turn into a perfect match). */
function clamp(v: number): number {
  return Math.max(v, 0);
}
