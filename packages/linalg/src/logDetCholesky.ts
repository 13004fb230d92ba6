import { checkDimension, checkLength } from './internal/checks.js';

/**
 * log det(L·Lᵀ) = 2 Σ log L_ii from a Cholesky factor L (d x d, lower or upper triangular: only the
 * diagonal is read). Summing logarithms never overflows or underflows the way the product of the
 * diagonal would for large d. The determinant of a 0 x 0 matrix is 1, so d = 0 gives 0.
 */
export function logDetCholesky(d: number, L: Float64Array): number {
  checkDimension(d);
  checkLength(L, d * d, 'L');
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(L[i * d + i]);
  return 2 * s;
}
