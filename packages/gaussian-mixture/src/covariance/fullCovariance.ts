import { InvalidInputError, rowView } from '@mixkit/core';
import { gaussianFullParams } from '@mixkit/distributions';
import type { CovarianceStrategy } from './covarianceStrategy.js';
import { paramsFromPrecision, precisionFromCholesky, squareMatrix } from './precisionFactors.js';

const rows = (d: number, matrix: Float64Array): number[][] =>
  Array.from({ length: d }, (_, i) => Array.from(matrix.subarray(i * d, i * d + d)));

/** `covariance_type='full'`: one d x d covariance per component. */
export const fullCovariance: CovarianceStrategy<'full'> = {
  type: 'full',
  withMean: (params, mean) => gaussianFullParams(mean, params.covariance),
  fromPrecisions(means, precisions) {
    const list: ArrayLike<unknown> = precisions;
    if (list == null || typeof list !== 'object' || list.length !== means.rows) {
      throw new InvalidInputError(
        { argument: 'precisionsInit' },
        `expected ${means.rows} precision matrices (k x d x d) for covarianceType 'full'`,
      );
    }
    return Array.from({ length: means.rows }, (_, c) =>
      paramsFromPrecision(
        Float64Array.from(rowView(means, c)),
        squareMatrix(list[c], means.cols, 'precisionsInit', c),
        c,
      ),
    );
  },
  covariances: (params) => params.map((p) => rows(p.mean.length, p.covariance)),
  precisions: (params) =>
    params.map((p) => precisionFromCholesky(p.mean.length, p.precisionCholesky)),
};
