import {
  assertNumber,
  DegenerateComponentError,
  InvalidInputError,
  type Matrix,
} from '@mixkit/core';
import {
  cholesky,
  combineMoments,
  invertLowerTriangular,
  logDetCholesky,
  type ScatterMode,
  weightedMeanScatter,
} from '@mixkit/linalg';
import type { ParamsReader } from '../json/paramsReader.js';

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

/**
 * Weighted moments of one component: total weight, weighted mean and scatter
 * Σ w (x − mean)(x − mean)ᵀ (d x d for full and tied, its diagonal for diag and spherical).
 * Merged with Chan's pairwise update, so data with a large offset (1e6 ± 1) stays accurate.
 */
export interface GaussianStats {
  weight: number;
  readonly mean: Float64Array;
  readonly scatter: Float64Array;
}

/**
 * A chunk whose total weight is below this is treated as empty by `accumulate`: linalg's moment
 * kernels divide by the total, and 1/w overflows for subnormal w (the mean would become NaN).
 * Such a chunk carries no usable information next to any normal weight.
 */
export const NEGLIGIBLE_WEIGHT = 1e-300;

/** Statistics members shared by the Gaussian families, for full or diagonal scatter. */
export function gaussianStatistics(mode: ScatterMode) {
  let scratchMean = new Float64Array(0);
  let scratchScatter = new Float64Array(0);
  return {
    createStats(dimension: number): GaussianStats {
      return {
        weight: 0,
        mean: new Float64Array(dimension),
        scatter: new Float64Array(mode === 'full' ? dimension * dimension : dimension),
      };
    },
    accumulate(
      stats: GaussianStats,
      X: Matrix,
      start: number,
      end: number,
      weights: Float64Array,
      weightOffset: number,
      weightStride: number,
    ): GaussianStats {
      if (stats.weight === 0) {
        // The common case (one pass per component per EM iteration): straight into the stats.
        const weight = weightedMeanScatter(
          X,
          start,
          end,
          weights,
          weightOffset,
          weightStride,
          stats.mean,
          stats.scatter,
          mode,
        );
        if (weight < NEGLIGIBLE_WEIGHT) {
          stats.mean.fill(0);
          stats.scatter.fill(0);
          return stats;
        }
        stats.weight = weight;
        return stats;
      }
      if (scratchMean.length !== stats.mean.length) {
        scratchMean = new Float64Array(stats.mean.length);
        scratchScatter = new Float64Array(stats.scatter.length);
      }
      const weight = weightedMeanScatter(
        X,
        start,
        end,
        weights,
        weightOffset,
        weightStride,
        scratchMean,
        scratchScatter,
        mode,
      );
      if (weight < NEGLIGIBLE_WEIGHT) return stats;
      stats.weight = combineMoments(
        stats.weight,
        stats.mean,
        stats.scatter,
        weight,
        scratchMean,
        scratchScatter,
        mode,
      );
      return stats;
    },
    merge(target: GaussianStats, source: GaussianStats): GaussianStats {
      target.weight = combineMoments(
        target.weight,
        target.mean,
        target.scatter,
        source.weight,
        source.mean,
        source.scatter,
        mode,
      );
      return target;
    },
    scale(stats: GaussianStats, factor: number): GaussianStats {
      // The mean is a ratio of weighted sums: unchanged when every weight is scaled.
      stats.weight *= factor;
      for (let j = 0; j < stats.scatter.length; j++) stats.scatter[j]! *= factor;
      return stats;
    },
    totalWeight: (stats: GaussianStats): number => stats.weight,
  };
}

/** Cholesky-derived caches of a covariance matrix. */
export interface CovarianceFactors {
  /** Lower L with Σ = L·Lᵀ (used by `sample`). */
  readonly covarianceCholesky: Float64Array;
  /** Upper U = L⁻ᵀ with Σ⁻¹ = U·Uᵀ (scikit-learn's `precisions_cholesky_`). */
  readonly precisionCholesky: Float64Array;
  /** log det U = −½ log det Σ. */
  readonly logDetPrecisionCholesky: number;
}

/**
 * Factors a d x d covariance as scikit-learn's `_compute_precision_cholesky` does: L = chol(Σ),
 * U = (L⁻¹)ᵀ. Returns the failing column when Σ is not (numerically) positive definite.
 */
export function factorCovariance(
  d: number,
  covariance: Float64Array,
): CovarianceFactors | { readonly column: number; readonly pivot: number } {
  const result = cholesky(d, covariance);
  if (!result.ok) return { column: result.column, pivot: result.pivot };
  const L = result.factor;
  const inverse = invertLowerTriangular(d, L);
  const U = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) U[j * d + i] = inverse[i * d + j]!;
  }
  return {
    covarianceCholesky: L,
    precisionCholesky: U,
    logDetPrecisionCholesky: -0.5 * logDetCholesky(d, L),
  };
}

/** `factorCovariance`, throwing DegenerateComponentError('singular') on failure (for estimate). */
export function factorEstimate(
  kind: string,
  d: number,
  covariance: Float64Array,
): CovarianceFactors {
  const factors = factorCovariance(d, covariance);
  if ('column' in factors) {
    throw new DegenerateComponentError(
      kind,
      'singular',
      `covariance is not positive definite (Cholesky pivot ${factors.pivot} at column ${factors.column}); ` +
        'increase regCovar',
    );
  }
  return factors;
}

/** `factorCovariance`, throwing InvalidInputError on failure (for paramsFromJSON). */
export function factorJson(kind: string, d: number, covariance: Float64Array): CovarianceFactors {
  const factors = factorCovariance(d, covariance);
  if ('column' in factors) {
    throw new InvalidInputError(
      { argument: 'json.covariance', row: factors.column, value: factors.pivot },
      `${kind}: covariance is not positive definite`,
    );
  }
  return factors;
}

/** Covariance = scatter / weight + regCovar·I, as a new d x d array (scikit-learn's M-step). */
export function covarianceFromScatter(
  d: number,
  scatter: Float64Array,
  weight: number,
  regCovar: number,
): Float64Array {
  const covariance = new Float64Array(d * d);
  for (let k = 0; k < d * d; k++) covariance[k] = scatter[k]! / weight;
  for (let j = 0; j < d; j++) covariance[j * d + j]! += regCovar;
  return covariance;
}

/** Reads a symmetric d x d `covariance` field written as rows. */
export function readCovariance(reader: ParamsReader, kind: string, d: number): Float64Array {
  const rows = reader.numberRows('covariance');
  const covariance = new Float64Array(d * d);
  if (rows.length !== d) {
    throw new InvalidInputError(
      { argument: 'json.covariance', value: rows.length },
      `${kind}: expected ${d} rows`,
    );
  }
  rows.forEach((row, i) => {
    if (row.length !== d) {
      throw new InvalidInputError(
        { argument: 'json.covariance', row: i, value: row.length },
        `${kind}: expected ${d} columns`,
      );
    }
    covariance.set(row, i * d);
  });
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const a = covariance[i * d + j]!;
      const b = covariance[j * d + i]!;
      if (Math.abs(a - b) > 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300)) {
        throw new InvalidInputError(
          { argument: 'json.covariance', row: i, column: j, value: a },
          `${kind}: covariance is not symmetric`,
        );
      }
    }
  }
  return covariance;
}

/** A d x d row-major matrix as rows (for JSON). */
export function toRows(d: number, matrix: Float64Array): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from(matrix.subarray(i * d, i * d + d)));
}

/** ½ d log 2π. */
export function halfLogTwoPi(d: number): number {
  return 0.5 * d * Math.log(2 * Math.PI);
}
