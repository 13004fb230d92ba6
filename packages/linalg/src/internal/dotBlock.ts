/** Squared norms that turn the dot products into squared distances (see `dotBlock`). */
export interface DistanceNorms {
  /** ||a_i||² at `rows[i + rowsOffset]`. */
  readonly rows: Float64Array;
  readonly rowsOffset: number;
  /** ||b_j||² at `cols[j]`. */
  readonly cols: Float64Array;
}

/**
 * The dot products s = a_i · b_j of rows i in [i0, i1) of `a` and rows j in [j0, j1) of `b`
 * (both row-major with d columns), written to `out[(i − rowBase) · outStride + j]`; with `norms`,
 * the squared distances max(||a_i||² + ||b_j||² − 2s, 0) instead (NaN stays NaN). The register
 * kernel shared by `multiplyTransposed` (A·Bᵀ) and `squaredDistances`: the distance form is
 * applied as each 2 x 4 tile leaves the registers, because a second pass over the output cost
 * about 10% at 100,000 x 64 centres in d = 32.
 *
 * 2 rows of `a` x 4 rows of `b` per step: 8 running sums, 6 loads per 8 multiply-adds. Callers
 * choose the cache blocks; each sum runs over t in increasing order, so results do not depend on
 * the blocking.
 */
export function dotBlock(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  d: number,
  outStride: number,
  rowBase: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  norms: DistanceNorms | null = null,
): void {
  const m = norms === null ? out : norms.cols;
  let i = i0;
  for (; i + 2 <= i1; i += 2) {
    const p0 = i * d;
    const p1 = p0 + d;
    const o0 = (i - rowBase) * outStride;
    const o1 = o0 + outStride;
    const n0 = norms === null ? 0 : norms.rows[i + norms.rowsOffset];
    const n1 = norms === null ? 0 : norms.rows[i + 1 + norms.rowsOffset];
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
      if (norms === null) {
        out[o0 + j] = s00;
        out[o0 + j + 1] = s01;
        out[o0 + j + 2] = s02;
        out[o0 + j + 3] = s03;
        out[o1 + j] = s10;
        out[o1 + j + 1] = s11;
        out[o1 + j + 2] = s12;
        out[o1 + j + 3] = s13;
      } else {
        out[o0 + j] = Math.max(n0 + m[j] - 2 * s00, 0);
        out[o0 + j + 1] = Math.max(n0 + m[j + 1] - 2 * s01, 0);
        out[o0 + j + 2] = Math.max(n0 + m[j + 2] - 2 * s02, 0);
        out[o0 + j + 3] = Math.max(n0 + m[j + 3] - 2 * s03, 0);
        out[o1 + j] = Math.max(n1 + m[j] - 2 * s10, 0);
        out[o1 + j + 1] = Math.max(n1 + m[j + 1] - 2 * s11, 0);
        out[o1 + j + 2] = Math.max(n1 + m[j + 2] - 2 * s12, 0);
        out[o1 + j + 3] = Math.max(n1 + m[j + 3] - 2 * s13, 0);
      }
    }
    for (; j < j1; j++) {
      const q = j * d;
      let s0 = 0;
      let s1 = 0;
      for (let t = 0; t < d; t++) {
        const y = b[q + t];
        s0 += a[p0 + t] * y;
        s1 += a[p1 + t] * y;
      }
      out[o0 + j] = norms === null ? s0 : finish(norms, i, j, s0);
      out[o1 + j] = norms === null ? s1 : finish(norms, i + 1, j, s1);
    }
  }
  if (i < i1) {
    const p = i * d;
    const o = (i - rowBase) * outStride;
    for (let j = j0; j < j1; j++) {
      const q = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) s += a[p + t] * b[q + t];
      out[o + j] = norms === null ? s : finish(norms, i, j, s);
    }
  }
}

/** max(||a_i||² + ||b_j||² − 2s, 0); Math.max keeps NaN, so a NaN never looks like a match. */
function finish(norms: DistanceNorms, i: number, j: number, s: number): number {
  return Math.max(norms.rows[i + norms.rowsOffset] + norms.cols[j] - 2 * s, 0);
}
