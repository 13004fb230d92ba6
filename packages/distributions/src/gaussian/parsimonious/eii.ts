import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

/** EII: Σₖ = λ·I. λ = Σₖ tr(Wₖ) / (d·N) (mclust `meeii`); singular when λ ≤ ε. */
export const eii: CovarianceModel = {
  name: 'EII',
  scatter: 'diagonal',
  perComponent: () => 0,
  shared: () => 1,
  covariances({ d, G, total, scatters }) {
    let sum = 0;
    for (const W of scatters) for (let j = 0; j < d; j++) sum += W[j];
    const variance = sum / (d * total);
    if (!(variance > EPS)) throw singular('gaussian-EII', `variance ${variance}`);
    const covariance = diagonalCovariance(d, new Float64Array(d).fill(variance));
    return { covariances: new Array<Float64Array>(G).fill(covariance) };
  },
};
