import type { AnyComponentFamily } from '@mixkit/core';
import type { CovarianceType } from './covariance/covarianceStrategy.js';
import { covarianceStrategyFor } from './covariance/covarianceStrategyFor.js';

/**
 * The Gaussian component family of a scikit-learn covariance type (`'full'` → `gaussianFull`,
 * `'diag'` → `gaussianDiag`, `'spherical'` → `gaussianSpherical`, `'tied'` → `gaussianTied`),
 * regularised with `regCovar` (scikit-learn's `reg_covar`, default 1e-6). For apps that let a
 * user pick the covariance type by name and then build mixtures or products of families with it.
 */
export function gaussianFamily(
  covarianceType: CovarianceType,
  regCovar = 1e-6,
): AnyComponentFamily {
  return covarianceStrategyFor(covarianceType).family(regCovar);
}
