import { assertUnreachable } from '@mixkit/core';
import type { CovarianceType } from '@mixkit/distributions';
import { diagWishart } from './diagWishart.js';
import { fullWishart } from './fullWishart.js';
import { sphericalWishart } from './sphericalWishart.js';
import { tiedWishart } from './tiedWishart.js';
import type { WishartStrategy } from './wishartStrategy.js';

/** The Wishart update of a covariance type. */
export function wishartFor<T extends CovarianceType>(type: T): WishartStrategy<T> {
  const t: CovarianceType = type;
  switch (t) {
    case 'full':
      return fullWishart as WishartStrategy<T>;
    case 'tied':
      return tiedWishart as WishartStrategy<T>;
    case 'diag':
      return diagWishart as WishartStrategy<T>;
    case 'spherical':
      return sphericalWishart as WishartStrategy<T>;
    default:
      return assertUnreachable(t, 'covarianceType');
  }
}
