import { assertUnreachable } from '@mixkit/core';
import type { CovarianceStrategy, CovarianceType } from './covarianceStrategy.js';
import { diagCovariance } from './diagCovariance.js';
import { fullCovariance } from './fullCovariance.js';
import { sphericalCovariance } from './sphericalCovariance.js';
import { tiedCovariance } from './tiedCovariance.js';

/** The strategy of a covariance type (parameters typed as unknown for uniform handling). */
export function covarianceStrategyFor(type: CovarianceType): CovarianceStrategy<unknown> {
  switch (type) {
    case 'full':
      return fullCovariance as CovarianceStrategy<unknown>;
    case 'diag':
      return diagCovariance as CovarianceStrategy<unknown>;
    case 'spherical':
      return sphericalCovariance as CovarianceStrategy<unknown>;
    case 'tied':
      return tiedCovariance as CovarianceStrategy<unknown>;
    default:
      return assertUnreachable(type, 'covarianceType');
  }
}
