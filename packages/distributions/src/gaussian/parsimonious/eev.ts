import type { CovarianceModel } from './covarianceModel.js';
import { composeCovariance, eigenDescending, geometricMean, minimum } from './decomposition.js';
import { EPS, RTEPS, singular } from './innerControl.js';

const KIND = 'gaussian-EEV';

/**
 * EEV: Σₖ = λ·Dₖ·A·Dₖᵀ. With Wₖ = Dₖ·Ωₖ·Dₖᵀ (eigenvalues decreasing) and S = Σₖ Ωₖ:
 * λ = det(S)^(1/d) / N, A = S / det(S)^(1/d) (mclust `meeev`); singular when an entry of S is not
 * positive, det(S)^(1/d), λ or an entry of A is ≤ ε, or √(λ·Aⱼ) ≤ √ε.
 */
export const eev: CovarianceModel = {
  name: 'EEV',
  scatter: 'full',
  perComponent: (d) => (d * (d - 1)) / 2,
  shared: (d) => d,
  covariances({ d, total, scatters }) {
    const shape = new Float64Array(d);
    const axes = scatters.map((W) => {
      const { values, vectors } = eigenDescending(d, W);
      for (let j = 0; j < d; j++) shape[j] += values[j];
      return vectors;
    });
    if (!(minimum(shape) > 0)) throw singular(KIND, 'a pooled eigenvalue is not positive');
    const root = geometricMean(KIND, shape);
    const scale = root / total;
    if (!(root > EPS)) throw singular(KIND, `det^(1/d) ${root}`);
    for (let j = 0; j < d; j++) shape[j] /= root;
    if (!(minimum(shape) > EPS && scale > EPS)) throw singular(KIND, 'shape or volume ≤ ε');
    if (!(Math.sqrt(scale) * Math.sqrt(minimum(shape)) > RTEPS)) {
      throw singular(KIND, 'a standard deviation ≤ √ε');
    }
    return { covariances: axes.map((D) => composeCovariance(d, D, shape, scale)) };
  },
};
