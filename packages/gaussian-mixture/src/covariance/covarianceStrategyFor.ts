import type { CovarianceType } from '@mixkit/distributions';
import type { CovarianceStrategy } from './covarianceStrategy.js';
import { diagCovariance } from './diagCovariance.js';
import { fullCovariance } from './fullCovariance.js';
import { sphericalCovariance } from './sphericalCovariance.js';
import { tiedCovariance } from './tiedCovariance.js';

const strategies: { readonly [T in CovarianceType]: CovarianceStrategy<T> } = {
  full: fullCovariance,
  tied: tiedCovariance,
  diag: diagCovariance,
  spherical: sphericalCovariance,
};

/** The strategy of a covariance type. */
export function covarianceStrategyFor<T extends CovarianceType>(type: T): CovarianceStrategy<T> {
  return strategies[type];
}
