import { assertWellConditioned } from './choleskyCondition.js';
import type { CovarianceModel } from './covarianceModel.js';

/** VVV: Σₖ = Wₖ / nₖ (mclust `mevvv`), each singular as `assertWellConditioned`. */
export const vvv: CovarianceModel = {
  name: 'VVV',
  scatter: 'full',
  perComponent: (d) => (d * (d + 1)) / 2,
  shared: () => 0,
  covariances({ d, weights, scatters }) {
    const covariances = scatters.map((W, k) => {
      const covariance = W.map((value) => value / weights[k]);
      assertWellConditioned('gaussian-VVV', d, covariance, `component ${k}'s covariance`);
      return covariance;
    });
    return { covariances };
  },
};
