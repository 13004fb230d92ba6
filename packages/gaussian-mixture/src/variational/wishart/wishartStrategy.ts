import type { CovarianceType, GaussianParamsByType, GaussianStats } from '@mixkit/distributions';
import type { VariationalPrior } from '../variationalPrior.js';

/**
 * The covariance part of the variational M-step for one covariance type (scikit-learn's
 * `_estimate_wishart_*`), and what the lower bound needs of the result. The E-step reads the
 * result as ordinary Gaussian parameters (mean mₖ, covariance Sₖ = Wₖ⁻¹/νₖ) of the covariance
 * type's family, so the runner's passes and the families' statistics serve unchanged.
 */
export interface WishartStrategy<T extends CovarianceType> {
  /**
   * νₖ and the Gaussian parameters (mₖ, Sₖ) of every component, from the statistics, the counts
   * nₖ, the posterior precisions βₖ of the means, and the prior.
   */
  update(
    stats: readonly GaussianStats[],
    counts: Float64Array,
    meanPrecision: Float64Array,
    prior: VariationalPrior,
    regCovar: number,
  ): { readonly degreesOfFreedom: Float64Array; readonly params: GaussianParamsByType[T][] };
  /** log det of the precision Cholesky factor of Sₖ (−½ log det Sₖ). */
  logDetPrecisionCholesky(params: GaussianParamsByType[T]): number;
  /**
   * Σᵢ rᵢₖ·log N(xᵢ | mₖ, Sₖ) from component k's statistics (weight nₖ, mean x̄ₖ, scatter):
   * nₖ·(log det U − ½ d log 2π) − ½ tr(Sₖ⁻¹·(scatter + nₖ (x̄ₖ − mₖ)(x̄ₖ − mₖ)ᵀ)).
   */
  expectedLogDensity(stats: GaussianStats, params: GaussianParamsByType[T]): number;
}

/** ½ d log 2π. */
export function halfLogTwoPi(d: number): number {
  return 0.5 * d * Math.log(2 * Math.PI);
}

/** sₖ = scatter / nₖ + regCovar (scikit-learn's `_estimate_gaussian_covariances_*`), 0 when nₖ is. */
export function averageScatter(scatter: number, count: number, regCovar: number): number {
  return count > 0 ? scatter / count + regCovar : regCovar;
}
