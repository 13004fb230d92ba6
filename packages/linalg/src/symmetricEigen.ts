import { EigenvalueDecomposition, WrapperMatrix1D } from 'ml-matrix';
import { checkDimension, checkLength } from './internal/checks.js';

/** Eigenvalues (ascending) and eigenvectors (column j of the row-major d x d `vectors`). */
export interface SymmetricEigenResult {
  /** The d eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Row-major d x d; column j is the unit eigenvector of `values[j]`. */
  readonly vectors: Float64Array;
}

/**
 * Eigendecomposition A = V·diag(values)·Vᵀ of a symmetric d x d matrix A (row-major; only
 * symmetric input is meaningful, the lower triangle is what the algorithm reads first).
 * `values` are ascending; column j of `vectors` is the unit eigenvector of `values[j]`.
 *
 * Delegates to ml-matrix's `EigenvalueDecomposition` with `assumeSymmetric` (Householder
 * tridiagonalisation + implicit QL, the JAMA/EISPACK tred2/tql2 pair), wrapping A without a copy.
 * O(d³); used for covariance diagnostics and sampling, never in a per-row loop.
 */
export function symmetricEigen(d: number, A: Float64Array): SymmetricEigenResult {
  checkDimension(d);
  checkLength(A, d * d, 'A');
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  if (d === 0) return { values, vectors };
  const decomposition = new EigenvalueDecomposition(new WrapperMatrix1D(A, { rows: d }), {
    assumeSymmetric: true,
  });
  const lambda = decomposition.realEigenvalues;
  const V = decomposition.eigenvectorMatrix;
  // tql2 already sorts ascending; sorting an index keeps that a guarantee of this function.
  const order = Array.from({ length: d }, (_, j) => j).sort((x, y) => lambda[x] - lambda[y]);
  for (let j = 0; j < d; j++) {
    const source = order[j];
    values[j] = lambda[source];
    for (let i = 0; i < d; i++) vectors[i * d + j] = V.get(i, source);
  }
  return { values, vectors };
}
