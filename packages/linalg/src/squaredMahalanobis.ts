import type { Matrix } from '@mixkit/core';
import { checkLength, checkRowRange, checkStrided } from './internal/checks.js';
import { transposeUpper } from './internal/transposeUpper.js';

/**
 * Squared Mahalanobis distances of rows `[start, end)` of X from `mean`, through the upper-triangular
 * precision Cholesky factor U (d x d, Σ⁻¹ = U·Uᵀ, scikit-learn's `precisions_cholesky_`):
 * ||(x − mean)·U||², written to `out[outOffset + (i − start) * outStride]`. Writes nothing else.
 *
 * This is the Gaussian E-step's inner loop (scikit-learn `_estimate_log_gaussian_prob`), so it
 * allocates only O(d²) scratch per call, transposes U once so the inner products run over
 * contiguous memory, and processes 4 rows at a time so each row of Uᵀ is loaded once per 4 rows.
 * d ≤ 3 has closed-form paths (about 3x faster there than the general loop).
 */
export function squaredMahalanobis(
  X: Matrix,
  start: number,
  end: number,
  mean: Float64Array,
  precisionCholesky: Float64Array,
  out: Float64Array,
  outOffset = 0,
  outStride = 1,
): Float64Array {
  checkRowRange(X, start, end);
  const d = X.cols;
  checkLength(mean, d, 'mean');
  checkLength(precisionCholesky, d * d, 'precisionCholesky');
  const n = end - start;
  checkStrided(out, outOffset, outStride, n, 'out');
  const data = X.data;
  if (d === 1) {
    const m = mean[0];
    const u = precisionCholesky[0];
    for (let r = 0; r < n; r++) {
      const y = (data[start + r] - m) * u;
      out[outOffset + r * outStride] = y * y;
    }
    return out;
  }
  if (d === 2) {
    const m0 = mean[0];
    const m1 = mean[1];
    const u00 = precisionCholesky[0];
    const u01 = precisionCholesky[1];
    const u11 = precisionCholesky[3];
    for (let r = 0; r < n; r++) {
      const x = (start + r) * 2;
      const z0 = data[x] - m0;
      const z1 = data[x + 1] - m1;
      const y0 = z0 * u00;
      const y1 = z0 * u01 + z1 * u11;
      out[outOffset + r * outStride] = y0 * y0 + y1 * y1;
    }
    return out;
  }
  if (d === 3) {
    const m0 = mean[0];
    const m1 = mean[1];
    const m2 = mean[2];
    const u00 = precisionCholesky[0];
    const u01 = precisionCholesky[1];
    const u02 = precisionCholesky[2];
    const u11 = precisionCholesky[4];
    const u12 = precisionCholesky[5];
    const u22 = precisionCholesky[8];
    for (let r = 0; r < n; r++) {
      const x = (start + r) * 3;
      const z0 = data[x] - m0;
      const z1 = data[x + 1] - m1;
      const z2 = data[x + 2] - m2;
      const y0 = z0 * u00;
      const y1 = z0 * u01 + z1 * u11;
      const y2 = z0 * u02 + z1 * u12 + z2 * u22;
      out[outOffset + r * outStride] = y0 * y0 + y1 * y1 + y2 * y2;
    }
    return out;
  }
  const T = transposeUpper(d, precisionCholesky);
  const z = new Float64Array(4 * d);
  let r = 0;
  for (; r + 4 <= n; r += 4) {
    const x0 = (start + r) * d;
    for (let k = 0; k < d; k++) {
      const m = mean[k];
      z[k] = data[x0 + k] - m;
      z[d + k] = data[x0 + d + k] - m;
      z[2 * d + k] = data[x0 + 2 * d + k] - m;
      z[3 * d + k] = data[x0 + 3 * d + k] - m;
    }
    let q0 = 0;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k <= j; k++) {
        const u = T[tj + k];
        s0 += z[k] * u;
        s1 += z[d + k] * u;
        s2 += z[2 * d + k] * u;
        s3 += z[3 * d + k] * u;
      }
      q0 += s0 * s0;
      q1 += s1 * s1;
      q2 += s2 * s2;
      q3 += s3 * s3;
    }
    const o = outOffset + r * outStride;
    out[o] = q0;
    out[o + outStride] = q1;
    out[o + 2 * outStride] = q2;
    out[o + 3 * outStride] = q3;
  }
  for (; r < n; r++) {
    const x0 = (start + r) * d;
    for (let k = 0; k < d; k++) z[k] = data[x0 + k] - mean[k];
    let q = 0;
    for (let j = 0; j < d; j++) {
      const tj = j * d;
      let s = 0;
      for (let k = 0; k <= j; k++) s += z[k] * T[tj + k];
      q += s * s;
    }
    out[outOffset + r * outStride] = q;
  }
  return out;
}
