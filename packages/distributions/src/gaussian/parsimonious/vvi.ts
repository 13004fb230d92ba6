import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance, geometricMean, minimum } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

const KIND = 'gaussian-VVI';

/**
 * VVI: Σₖ = λₖ·Aₖ = diag(Wₖ) / nₖ, written as mclust's `mevvi` computes it: gₖ = det(diag Wₖ)^(1/d),
 * λₖ = gₖ / nₖ, Aₖ = diag(Wₖ) / gₖ; singular when a variance is not positive or a gₖ or λₖ is
 * ≤ ε.
 */
export const vvi: CovarianceModel = {
  name: 'VVI',
  scatter: 'diagonal',
  perComponent: (d) => d,
  shared: () => 0,
  covariances({ d, weights, scatters }) {
    const covariances = scatters.map((W, k) => {
      const shape = Float64Array.from(W);
      if (!(minimum(shape) > EPS)) throw singular(KIND, `component ${k}: a variance ≤ ε`);
      const root = geometricMean(KIND, shape);
      const scale = root / weights[k];
      if (!(root > EPS && scale > EPS)) throw singular(KIND, `component ${k}: volume ${scale}`);
      for (let j = 0; j < d; j++) shape[j] /= root;
      return diagonalCovariance(d, shape, scale);
    });
    return { covariances };
  },
};
