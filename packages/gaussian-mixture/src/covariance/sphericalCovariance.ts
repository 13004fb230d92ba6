import { InvalidInputError, rowView } from '@mixkit/core';
import { gaussianSphericalParams } from '@mixkit/distributions';
import type { CovarianceStrategy } from './covarianceStrategy.js';

/** `covariance_type='spherical'`: one variance per component. */
export const sphericalCovariance: CovarianceStrategy<'spherical'> = {
  type: 'spherical',
  withMean: (params, mean) => gaussianSphericalParams(mean, params.variance),
  fromPrecisions(means, precisions) {
    const argument = 'precisionsInit';
    const list: ArrayLike<number> = precisions;
    if (list == null || typeof list !== 'object' || list.length !== means.rows) {
      throw new InvalidInputError(
        { argument },
        `expected ${means.rows} precisions for covarianceType 'spherical'`,
      );
    }
    return Array.from({ length: means.rows }, (_, c) => {
      const p = list[c];
      if (typeof p !== 'number' || !(p > 0) || !Number.isFinite(p)) {
        throw new InvalidInputError({ argument, row: c, value: p }, 'must be finite and > 0');
      }
      return gaussianSphericalParams(rowView(means, c), 1 / p);
    });
  },
  covariances: (params) => params.map((p) => p.variance),
  precisions: (params) => params.map((p) => 1 / p.variance),
};
