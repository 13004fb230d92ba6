import { checkDimension, checkLength, outputBuffer } from './internal/checks.js';

/**
 * The inverse of a lower-triangular d x d matrix L (non-zero diagonal), itself lower triangular,
 * written to `out` (allocated when omitted; may be `L` itself). Zeros are written above the
 * diagonal.
 *
 * Row by row, M = L⁻¹ satisfies M_ij = −(Σ_{j≤k<i} L_ik M_kj) / L_ii for j < i and
 * M_ii = 1 / L_ii. Within row i the columns are produced in increasing j and the diagonal last,
 * so every L_ik is still intact when it is read: this is what makes `out === L` safe.
 */
export function invertLowerTriangular(
  d: number,
  L: Float64Array,
  out?: Float64Array,
): Float64Array {
  checkDimension(d);
  checkLength(L, d * d, 'L');
  const M = outputBuffer(out, d * d);
  for (let i = 0; i < d; i++) {
    const rowI = i * d;
    const inverseDiagonal = 1 / L[rowI + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s += L[rowI + k] * M[k * d + j];
      M[rowI + j] = -s * inverseDiagonal;
    }
    M[rowI + i] = inverseDiagonal;
    for (let j = i + 1; j < d; j++) M[rowI + j] = 0;
  }
  return M;
}
