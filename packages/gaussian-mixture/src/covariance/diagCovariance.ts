import { InvalidInputError, rowView, toMatrix } from '@mixkit/core';
import { gaussianDiagParams } from '@mixkit/distributions';
import type { CovarianceStrategy } from './covarianceStrategy.js';

/** `covariance_type='diag'`: one variance per column and component. */
export const diagCovariance: CovarianceStrategy<'diag'> = {
  type: 'diag',
  withMean: (params, mean) => gaussianDiagParams(mean, params.variances),
  fromPrecisions(means, precisions) {
    const argument = 'precisionsInit';
    const P = toMatrix(precisions, { argument });
    if (P.rows !== means.rows || P.cols !== means.cols) {
      throw new InvalidInputError(
        { argument, value: `${P.rows}x${P.cols}` },
        `expected ${means.rows} x ${means.cols} precisions for covarianceType 'diag'`,
      );
    }
    return Array.from({ length: means.rows }, (_, c) => {
      const precision = rowView(P, c);
      precision.forEach((p, j) => {
        if (!(p > 0))
          throw new InvalidInputError({ argument, row: c, column: j, value: p }, 'must be > 0');
      });
      return gaussianDiagParams(
        rowView(means, c),
        precision.map((p) => 1 / p),
      );
    });
  },
  covariances: (params) => params.map((p) => Array.from(p.variances)),
  precisions: (params) => params.map((p) => Array.from(p.precisions)),
};
