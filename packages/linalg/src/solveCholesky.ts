import { checkDimension, checkLength, outputBuffer } from './internal/checks.js';
import { invertLowerTriangular } from './invertLowerTriangular.js';

/**
 * Solves A x = b for x given the Cholesky factor L of A (A = L·Lᵀ, L lower triangular d x d):
 * forward substitution L y = b, then back substitution Lᵀ x = y. Writes x to `out` (allocated
 * when omitted; may be `b` itself).
 */
export function solveCholesky(
  d: number,
  L: Float64Array,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  checkDimension(d);
  checkLength(L, d * d, 'L');
  checkLength(b, d, 'b');
  const x = outputBuffer(out, d);
  for (let i = 0; i < d; i++) {
    const row = i * d;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[row + k] * x[k];
    x[i] = s / L[row + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}

/**
 * A⁻¹ = L⁻ᵀ·L⁻¹ from the Cholesky factor L of A, as a full symmetric d x d matrix in `out`
 * (allocated when omitted; may be `L` itself). Entry (i, j) is Σ_{k ≥ max(i,j)} M_ki M_kj with
 * M = L⁻¹; only the lower triangle is computed and then mirrored, so the result is exactly
 * symmetric.
 */
export function inverseFromCholesky(d: number, L: Float64Array, out?: Float64Array): Float64Array {
  checkDimension(d);
  checkLength(L, d * d, 'L');
  const M = invertLowerTriangular(d, L);
  const result = outputBuffer(out, d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < d; k++) s += M[k * d + i] * M[k * d + j];
      result[i * d + j] = s;
      result[j * d + i] = s;
    }
  }
  return result;
}
