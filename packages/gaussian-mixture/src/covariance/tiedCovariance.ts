import { rowView } from '@mixkit/core';
import { gaussianFullParams } from '@mixkit/distributions';
import type { CovarianceStrategy } from './covarianceStrategy.js';
import { paramsFromPrecision, precisionFromCholesky, squareMatrix } from './precisionFactors.js';

/** `covariance_type='tied'`: one d x d covariance shared by all components. */
export const tiedCovariance: CovarianceStrategy<'tied'> = {
  type: 'tied',
  withMean: (params, mean) => gaussianFullParams(mean, params.covariance),
  fromPrecisions(means, precisions) {
    const d = means.cols;
    const shared = paramsFromPrecision(
      new Float64Array(d),
      squareMatrix(precisions, d, 'precisionsInit', 0),
      0,
    );
    return Array.from({ length: means.rows }, (_, c) => ({
      ...shared,
      mean: Float64Array.from(rowView(means, c)),
    }));
  },
  covariances(params) {
    const { covariance, mean } = params[0];
    const d = mean.length;
    return Array.from({ length: d }, (_, i) => Array.from(covariance.subarray(i * d, i * d + d)));
  },
  precisions: (params) => precisionFromCholesky(params[0].mean.length, params[0].precisionCholesky),
};
