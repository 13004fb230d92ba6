import { SingularValueDecomposition, WrapperMatrix1D } from 'ml-matrix';
import { checkDimension, checkLength } from './internal/checks.js';

/**
 * The orthogonal factor Q = U·Vᵀ of the polar decomposition of a square d x d matrix F
 * (row-major) with singular value decomposition F = U·S·Vᵀ: the orthogonal matrix nearest to F
 * in Frobenius norm, and the maximiser of tr(Qᵀ·F) over orthogonal Q (the solution of the
 * orthogonal Procrustes problem). It does not depend on the signs the SVD picks for its singular
 * vectors, and is unique when F is non-singular.
 *
 * Written to `out` (a new array unless given; it may not alias `F`). Delegates to ml-matrix's
 * `SingularValueDecomposition` (the JAMA one-sided Golub–Kahan algorithm). O(d³); for M-steps of
 * covariance models (the orientation updates of Browne & McNicholas 2014's MM algorithms), never
 * in a per-row loop.
 */
export function orthogonalPolarFactor(
  d: number,
  F: Float64Array,
  out: Float64Array = new Float64Array(d * d),
): Float64Array {
  checkDimension(d);
  checkLength(F, d * d, 'F');
  checkLength(out, d * d, 'out');
  if (d === 0) return out;
  const svd = new SingularValueDecomposition(new WrapperMatrix1D(F, { rows: d }), {
    autoTranspose: false,
  });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += U.get(i, k) * V.get(j, k);
      out[i * d + j] = sum;
    }
  }
  return out;
}
