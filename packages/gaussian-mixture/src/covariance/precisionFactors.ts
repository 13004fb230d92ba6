import { InvalidInputError } from '@mixkit/core';
import type { GaussianFullParams } from '@mixkit/distributions';
import { cholesky, invertLowerTriangular } from '@mixkit/linalg';

/**
 * Full-covariance Gaussian parameters from a mean and a precision matrix P, without inverting
 * P first (which would lose cond(P) x eps): the upper factor U with P = U·Uᵀ comes from the
 * Cholesky factor of P with rows and columns reversed (U = J·chol(J·P·J)·J, J the reversal),
 * so U is exactly the `precisionCholesky` the family would cache; then L = (Uᵀ)⁻¹ and
 * Σ = L·Lᵀ for sampling and JSON.
 */
export function paramsFromPrecision(
  mean: Float64Array,
  precision: Float64Array,
  component: number,
): GaussianFullParams {
  const d = mean.length;
  const result = cholesky(d, reversed(d, precision));
  if (!result.ok) {
    throw new InvalidInputError(
      { argument: 'precisionsInit', row: component, value: result.pivot },
      `precision matrix ${component} is not positive definite (column ${d - 1 - result.column})`,
    );
  }
  const U = reversed(d, result.factor);
  const L = invertLowerTriangular(d, transposed(d, U));
  return {
    mean: Float64Array.from(mean),
    covariance: lowerTimesTranspose(d, L),
    covarianceCholesky: L,
    precisionCholesky: U,
    logDetPrecisionCholesky: logDiagonalSum(d, U),
  };
}

// The loops below are functions of their own, each ending right after its loop: in a fresh
// process V8 compiles a long loop on-stack, and code after it that had not run yet de-optimised
// that code again at every call (one O(d²) or O(d³) loop per component at d = 64 to 128).

/** J·M·J: rows and columns reversed. */
function reversed(d: number, m: Float64Array): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) out[i * d + j] = m[(d - 1 - i) * d + (d - 1 - j)];
  }
  return out;
}

function transposed(d: number, m: Float64Array): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) out[j * d + i] = m[i * d + j];
  }
  return out;
}

/** Σ log U_ii. */
function logDiagonalSum(d: number, U: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += Math.log(U[i * d + i]);
  return sum;
}

/** L·Lᵀ for a lower-triangular L, symmetric. */
function lowerTimesTranspose(d: number, L: Float64Array): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k <= j; k++) sum += L[i * d + k] * L[j * d + k];
      out[i * d + j] = sum;
      out[j * d + i] = sum;
    }
  }
  return out;
}

/** P = U·Uᵀ from an upper precision Cholesky factor, as rows. */
export function precisionFromCholesky(d: number, U: Float64Array): number[][] {
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      let sum = 0;
      for (let k = Math.max(i, j); k < d; k++) sum += U[i * d + k] * U[j * d + k];
      return sum;
    }),
  );
}

/** A d x d matrix given as rows or flat, checked and copied to a flat array. */
export function squareMatrix(
  input: unknown,
  d: number,
  argument: string,
  index: number,
): Float64Array {
  const out = new Float64Array(d * d);
  const rows = input as ArrayLike<ArrayLike<number> | number>;
  if (rows == null || typeof rows !== 'object' || typeof rows.length !== 'number') {
    throw new InvalidInputError({ argument, row: index }, `expected a ${d} x ${d} matrix`);
  }
  if (rows.length === d * d && typeof rows[0] === 'number') {
    for (let e = 0; e < d * d; e++) out[e] = finite(rows[e] as number, argument, index);
    return out;
  }
  if (rows.length !== d) {
    throw new InvalidInputError(
      { argument, row: index, value: rows.length },
      `expected a ${d} x ${d} matrix`,
    );
  }
  for (let i = 0; i < d; i++) {
    const row = rows[i] as ArrayLike<number>;
    if (row == null || row.length !== d) {
      throw new InvalidInputError({ argument, row: index }, `expected a ${d} x ${d} matrix`);
    }
    for (let j = 0; j < d; j++) out[i * d + j] = finite(row[j], argument, index);
  }
  return out;
}

function finite(value: number, argument: string, index: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError({ argument, row: index, value }, 'expected finite numbers');
  }
  return value;
}
