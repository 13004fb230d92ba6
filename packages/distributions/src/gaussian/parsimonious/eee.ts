import { assertWellConditioned } from './choleskyCondition.js';
import type { CovarianceModel } from './covarianceModel.js';

/** EEE: one full covariance Σ = Σₖ Wₖ / N (mclust `meeee`), singular as `assertWellConditioned`. */
export const eee: CovarianceModel = {
  name: 'EEE',
  scatter: 'full',
  perComponent: () => 0,
  shared: (d) => (d * (d + 1)) / 2,
  covariances({ d, G, total, scatters }) {
    const covariance = new Float64Array(d * d);
    for (const W of scatters) for (let e = 0; e < d * d; e++) covariance[e] += W[e];
    for (let e = 0; e < d * d; e++) covariance[e] /= total;
    assertWellConditioned('gaussian-EEE', d, covariance, 'the covariance');
    return { covariances: new Array<Float64Array>(G).fill(covariance) };
  },
};
