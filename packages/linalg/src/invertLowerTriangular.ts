import { checkDimension, checkLength, outputBuffer } from './internal/checks.js';

/**
 * The inverse of a lower-triangular d x d matrix L (non-zero diagonal), itself lower triangular,
 * written to `out` (allocated when omitted; may be `L` itself). Zeros are written above the
 * diagonal.
 *
 * Row by row, M = L⁻¹ satisfies M_ij = −(Σ_{j≤k<i} L_ik M_kj) / L_ii for j < i and
 * M_ii = 1 / L_ii. Row i's sums are formed together, k outermost: step k adds L_ik·M_kj to
 * the sum of every j ≤ k (it starts the sum of j = k), so each sum takes its terms in
 * increasing k, as a dot product per entry would, while M is read along its rows (a dot
 * product per entry read a column of M, d doubles apart). The sums live
 * in row i of `M`: step k writes only columns ≤ k of it, after reading L_ik, so with
 * `out === L` every L_ik is still intact when it is read.
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
    inverseRow(d, i, L, M);
  }
  return M;
}

/**
 * Row i of M = L⁻¹, rows 0 .. i − 1 being done (a leaf function, so V8 optimises its loops).
 * Four steps k at a time: each sum takes the four terms in order in a local before going back
 * to memory (a quarter of the loads and stores of one step at a time).
 */
function inverseRow(d: number, i: number, L: Float64Array, M: Float64Array): void {
  const rowI = i * d;
  const inverseDiagonal = 1 / L[rowI + i];
  let k = 0;
  for (; k + 4 <= i; k += 4) {
    const l0 = L[rowI + k];
    const l1 = L[rowI + k + 1];
    const l2 = L[rowI + k + 2];
    const l3 = L[rowI + k + 3];
    const r0 = k * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    for (let j = 0; j < k; j++) {
      M[rowI + j] = M[rowI + j] + l0 * M[r0 + j] + l1 * M[r1 + j] + l2 * M[r2 + j] + l3 * M[r3 + j];
    }
    M[rowI + k] = 0 + l0 * M[r0 + k] + l1 * M[r1 + k] + l2 * M[r2 + k] + l3 * M[r3 + k];
    M[rowI + k + 1] = 0 + l1 * M[r1 + k + 1] + l2 * M[r2 + k + 1] + l3 * M[r3 + k + 1];
    M[rowI + k + 2] = 0 + l2 * M[r2 + k + 2] + l3 * M[r3 + k + 2];
    M[rowI + k + 3] = 0 + l3 * M[r3 + k + 3];
  }
  for (; k < i; k++) {
    const lik = L[rowI + k];
    const rowK = k * d;
    for (let j = 0; j < k; j++) M[rowI + j] += lik * M[rowK + j];
    M[rowI + k] = 0 + lik * M[rowK + k];
  }
  for (let j = 0; j < i; j++) M[rowI + j] = -M[rowI + j] * inverseDiagonal;
  M[rowI + i] = inverseDiagonal;
  for (let j = i + 1; j < d; j++) M[rowI + j] = 0;
}
