import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

/** VII: Σₖ = λₖ·I. λₖ = tr(Wₖ) / (d·nₖ) (mclust `mevii`); singular when a λₖ ≤ ε. */
export const vii: CovarianceModel = {
  name: 'VII',
  scatter: 'diagonal',
  perComponent: () => 1,
  shared: () => 0,
  covariances({ d, weights, scatters }) {
    const covariances = scatters.map((W, k) => {
      let sum = 0;
      for (let j = 0; j < d; j++) sum += W[j];
      const variance = sum / weights[k] / d;
      if (!(variance > EPS)) throw singular('gaussian-VII', `component ${k} variance ${variance}`);
      return diagonalCovariance(d, new Float64Array(d).fill(variance));
    });
    return { covariances };
  },
};
