import {
  assertNumber,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  toMatrix,
} from '@mixkit/core';
import type { CovarianceType, GaussianStats } from '@mixkit/distributions';

/** The prior on the mixing weights (scikit-learn's `weight_concentration_prior_type`). */
export type WeightPrior = 'dirichlet-process' | 'dirichlet-distribution';

/** The priors a user may set; each left out takes scikit-learn's data-dependent default. */
export interface VariationalPriorOptions {
  /** γ₀ (Dirichlet process) or α₀ (Dirichlet distribution). Default 1 / nClusters. */
  readonly weightConcentrationPrior?: number;
  /** β₀, the precision prior on the means. Default 1. */
  readonly meanPrecisionPrior?: number;
  /** m₀, the prior mean. Default the data's column means. */
  readonly meanPrior?: ArrayLike<number>;
  /** ν₀ > d − 1, the Wishart degrees of freedom. Default d. */
  readonly degreesOfFreedomPrior?: number;
  /**
   * Ψ₀, the Wishart covariance prior, in the covariance type's shape: d x d (full, tied), d
   * values (diag) or one (spherical). Default the data's covariance (n − 1 denominator), its
   * diagonal, or the mean of that diagonal.
   */
  readonly covariancePrior?: MatrixInput | ArrayLike<number> | number;
}

/** The resolved priors (scikit-learn's `*_prior_` attributes). */
export interface VariationalPrior {
  readonly weightConcentration: number;
  readonly meanPrecision: number;
  readonly mean: Float64Array;
  readonly degreesOfFreedom: number;
  /** Ψ₀: d·d values (full, tied), d (diag) or 1 (spherical). */
  readonly covariance: Float64Array;
}

/**
 * scikit-learn's `_check_parameters`: the priors, defaults computed from `X`; the default Ψ₀
 * from `moments()` (the data's unweighted Gaussian statistics in `type`'s layout, see
 * `dataMoments`), read only when no `covariancePrior` is given.
 */
export function resolveVariationalPrior(
  X: Matrix,
  k: number,
  type: CovarianceType,
  options: VariationalPriorOptions,
  moments: () => GaussianStats,
): VariationalPrior {
  const { rows: n, cols: d, data } = X;
  const weightConcentration = options.weightConcentrationPrior ?? 1 / k;
  assertNumber(weightConcentration, 'weightConcentrationPrior', { min: 0, exclusiveMin: true });
  const meanPrecision = options.meanPrecisionPrior ?? 1;
  assertNumber(meanPrecision, 'meanPrecisionPrior', { min: 0, exclusiveMin: true });
  const degreesOfFreedom = options.degreesOfFreedomPrior ?? d;
  assertNumber(degreesOfFreedom, 'degreesOfFreedomPrior', { min: d - 1, exclusiveMin: true });
  const columnMeans = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) columnMeans[j] += data[i * d + j];
  for (let j = 0; j < d; j++) columnMeans[j] /= n;
  let mean = columnMeans;
  if (options.meanPrior !== undefined) {
    mean = Float64Array.from(options.meanPrior);
    if (mean.length !== d || mean.some((value) => !Number.isFinite(value))) {
      throw new InvalidInputError(
        { argument: 'meanPrior', value: mean.length },
        `expected ${d} finite values`,
      );
    }
  }
  const covariance =
    options.covariancePrior === undefined
      ? defaultCovariancePrior(moments(), n, type)
      : givenCovariancePrior(options.covariancePrior, d, type);
  return { weightConcentration, meanPrecision, mean, degreesOfFreedom, covariance };
}

/**
 * np.cov(X.T) (full, tied), its diagonal (diag) or the diagonal's mean (spherical): the scatter
 * divided by n − 1. The scatter comes from the shifted one-pass algorithm of the families'
 * statistics (linalg's `weightedMeanScatter`), not numpy's two passes: the two agree to a few
 * ulps, far inside the 1e-10 agreement with scikit-learn.
 */
function defaultCovariancePrior(
  moments: GaussianStats,
  n: number,
  type: CovarianceType,
): Float64Array {
  const { mean, scatter } = moments;
  const d = mean.length;
  // Diagonal statistics (diag, spherical) keep column j's sum of squares at j, full ones at j·d + j.
  const diagonalAt = (j: number): number => scatter[scatter.length === d ? j : j * d + j] / (n - 1);
  if (type === 'full' || type === 'tied') {
    if (scatter.length !== d * d) throw new RangeError('expected a full d x d scatter');
    return scatter.map((value) => value / (n - 1));
  }
  const diagonal = Float64Array.from({ length: d }, (_, j) => diagonalAt(j));
  if (type === 'diag') return diagonal;
  let sum = 0;
  for (let j = 0; j < d; j++) sum += diagonal[j];
  return Float64Array.of(sum / d);
}

function givenCovariancePrior(
  value: MatrixInput | ArrayLike<number> | number,
  d: number,
  type: CovarianceType,
): Float64Array {
  const argument = 'covariancePrior';
  const expected = type === 'spherical' ? 1 : type === 'diag' ? d : d * d;
  const values =
    typeof value === 'number'
      ? Float64Array.of(value)
      : isVector(value)
        ? Float64Array.from(value)
        : toMatrix(value, { argument, cols: d }).data;
  if (values.length !== expected) {
    throw new InvalidInputError(
      { argument, value: values.length },
      `expected ${type === 'spherical' ? 'one value' : type === 'diag' ? `${d} values` : `a ${d} x ${d} matrix`} for '${type}' covariances`,
    );
  }
  if ((type === 'spherical' || type === 'diag') && !values.every((v) => v > 0)) {
    throw new InvalidInputError({ argument }, 'expected positive values');
  }
  return Float64Array.from(values);
}

/** A flat list of numbers (not a matrix given as rows or as `{rows, cols, data}`). */
function isVector(value: MatrixInput | ArrayLike<number>): value is ArrayLike<number> {
  return !('rows' in value) && (value.length === 0 || typeof value[0] === 'number');
}
