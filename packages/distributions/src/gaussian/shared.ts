import { assertNumber, type FamilySpec, type Matrix } from '@mixkit/core';
import type { ScatterMode } from '@mixkit/linalg';
import { validateSupport } from '../support/validateSupport.js';
import { gaussianStatistics } from './statistics.js';

/** Options shared by the Gaussian families. */
export interface GaussianOptions {
  /**
   * Added to the diagonal of every estimated covariance, exactly as scikit-learn's
   * `GaussianMixture(reg_covar=...)`: it keeps covariances positive definite when a component
   * collapses onto a few points or a column is constant. Default 1e-6; 0 disables it.
   */
  readonly regCovar?: number;
}

/** The resolved `regCovar` (default 1e-6), validated. */
export function resolveRegCovar(options: GaussianOptions | undefined): number {
  const regCovar = options?.regCovar ?? 1e-6;
  assertNumber(regCovar, 'regCovar', { min: 0 });
  return regCovar;
}

/** ½ d log 2π. */
export function halfLogTwoPi(d: number): number {
  return 0.5 * d * Math.log(2 * Math.PI);
}

/**
 * Turns the squared Mahalanobis distances written for rows [start, end) at
 * `out[outOffset + (i − start)·outStride]` into log N(x | mean, Σ) = log det U − ½ (d log 2π +
 * distance), in place (U the precision Cholesky factor). NaN, from NaN data, becomes -Infinity.
 */
export function distancesToLogDensity(
  d: number,
  logDetPrecisionCholesky: number,
  start: number,
  end: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): Float64Array {
  const constant = logDetPrecisionCholesky - halfLogTwoPi(d);
  for (let i = start, o = outOffset; i < end; i++, o += outStride) {
    const value = constant - 0.5 * out[o]!;
    out[o] = Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
  }
  return out;
}

/**
 * The members every Gaussian family shares: `kind`, `spec` (the resolved `regCovar`),
 * `validate` (finite real data), the moment statistics of {@link gaussianStatistics} with a full
 * (`'full'`) or diagonal (`'diagonal'`) scatter, and `dimension` (the mean's length).
 */
export function gaussianBase(kind: string, regCovar: number, mode: ScatterMode) {
  return {
    kind,
    spec: (): FamilySpec => ({ kind, options: { regCovar } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, kind, 'real');
    },
    ...gaussianStatistics(mode),
    dimension: (params: { readonly mean: Float64Array }): number => params.mean.length,
  };
}
