import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance, geometricMean, minimum } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

const KIND = 'gaussian-EVI';

/**
 * EVI: Σₖ = λ·Aₖ, diagonal with equal volume. With sₖ = diag(Wₖ) and gₖ = det(sₖ)^(1/d):
 * Aₖ = sₖ / gₖ and λ = Σₖ gₖ / N (mclust `meevi`); singular when an sₖ entry is not positive or
 * a gₖ or λ is below ε.
 */
export const evi: CovarianceModel = {
  name: 'EVI',
  scatter: 'diagonal',
  perComponent: (d) => d - 1,
  shared: () => 1,
  covariances({ d, total, scatters }) {
    let scale = 0;
    const shapes = scatters.map((W, k) => {
      const shape = Float64Array.from(W);
      if (!(minimum(shape) > 0)) throw singular(KIND, `component ${k}: a variance is not positive`);
      const root = geometricMean(KIND, shape);
      if (!(root >= EPS)) throw singular(KIND, `component ${k}: det^(1/d) ${root}`);
      scale += root;
      for (let j = 0; j < d; j++) shape[j] /= root;
      return shape;
    });
    scale /= total;
    if (!(scale > EPS)) throw singular(KIND, `volume ${scale}`);
    return { covariances: shapes.map((shape) => diagonalCovariance(d, shape, scale)) };
  },
};
