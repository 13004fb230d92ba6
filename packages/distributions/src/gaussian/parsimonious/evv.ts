import type { CovarianceModel } from './covarianceModel.js';
import { eigenDescending, geometricMean, minimum } from './decomposition.js';
import { RTEPS, singular } from './innerControl.js';

const KIND = 'gaussian-EVV';

/**
 * EVV: Σₖ = λ·Cₖ with det Cₖ = 1. With gₖ = det(Wₖ)^(1/d): Cₖ = Wₖ / gₖ and λ = Σₖ gₖ / N
 * (mclust `meevv`); singular when an eigenvalue of a Cₖ or λ is ≤ √ε (mclust also tests g₂..g_G
 * against √ε, kept here).
 */
export const evv: CovarianceModel = {
  name: 'EVV',
  scatter: 'full',
  perComponent: (d) => (d * (d + 1)) / 2 - 1,
  shared: () => 1,
  covariances({ d, G, total, scatters }) {
    const roots = new Float64Array(G);
    let smallest = Number.POSITIVE_INFINITY;
    scatters.forEach((W, k) => {
      const { values } = eigenDescending(d, W);
      const root = geometricMean(KIND, values);
      roots[k] = root;
      smallest = Math.min(smallest, minimum(values) / root);
    });
    let scale = 0;
    for (let k = 0; k < G; k++) scale += roots[k];
    scale /= total;
    let floor = scale;
    for (let k = 1; k < G; k++) floor = Math.min(floor, roots[k]);
    if (!(smallest > RTEPS && floor > RTEPS)) throw singular(KIND, 'shape or volume ≤ √ε');
    return { covariances: scatters.map((W, k) => W.map((value) => (value / roots[k]) * scale)) };
  },
};
