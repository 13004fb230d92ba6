/**
 * Tiny dense helpers for the harness's own reference computations (initial precisions, the
 * independent log-likelihood check). Deliberately independent of @mixkit/linalg: a check that
 * reused the code under test could not catch its mistakes.
 */

/** Lower Cholesky factor of a symmetric positive-definite d x d row-major matrix. */
export function choleskyLower(a: ArrayLike<number>, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let p = 0; p < j; p++) s -= l[i * d + p] * l[j * d + p];
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i}: ${s})`);
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/** Inverse of a symmetric positive-definite matrix through its Cholesky factor. */
export function inverseSpd(a: ArrayLike<number>, d: number): Float64Array {
  const l = choleskyLower(a, d);
  // Solve L Lᵀ X = I column by column.
  const inv = new Float64Array(d * d);
  const y = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    for (let i = 0; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let p = 0; p < i; p++) s -= l[i * d + p] * y[p];
      y[i] = s / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i];
      for (let p = i + 1; p < d; p++) s -= l[p * d + i] * inv[p * d + c];
      inv[i * d + c] = s / l[i * d + i];
    }
  }
  // Symmetrise away rounding so the JSON matrix is exactly symmetric.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const v = 0.5 * (inv[i * d + j] + inv[j * d + i]);
      inv[i * d + j] = v;
      inv[j * d + i] = v;
    }
  }
  return inv;
}

/** Column means and the (biased) covariance of a row-major n x d matrix. */
export function columnCovariance(
  data: Float64Array,
  n: number,
  d: number,
): { mean: Float64Array; covariance: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let c = 0; c < d; c++) mean[c] += data[i * d + c];
  for (let c = 0; c < d; c++) mean[c] /= n;
  const covariance = new Float64Array(d * d);
  const centered = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) centered[c] = data[i * d + c] - mean[c];
    for (let r = 0; r < d; r++) {
      const v = centered[r];
      for (let c = 0; c <= r; c++) covariance[r * d + c] += v * centered[c];
    }
  }
  for (let r = 0; r < d; r++) {
    for (let c = 0; c <= r; c++) {
      const v = covariance[r * d + c] / n;
      covariance[r * d + c] = v;
      covariance[c * d + r] = v;
    }
  }
  return { mean, covariance };
}
