import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance, geometricMean, minimum } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

const KIND = 'gaussian-EEI';

/**
 * EEI: Σₖ = λ·A, one diagonal covariance. With B = Σₖ diag(Wₖ): λ = det(B)^(1/d) / N and
 * A = B / det(B)^(1/d) (mclust `meeei`); singular when a diagonal entry of B is not positive,
 * or λ, det(B)^(1/d) or an entry of A is ≤ ε.
 */
export const eei: CovarianceModel = {
  name: 'EEI',
  scatter: 'diagonal',
  perComponent: () => 0,
  shared: (d) => d,
  covariances({ d, G, total, scatters }) {
    const shape = new Float64Array(d);
    for (const W of scatters) for (let j = 0; j < d; j++) shape[j] += W[j];
    if (!(minimum(shape) > 0)) throw singular(KIND, 'a pooled variance is not positive');
    const root = geometricMean(KIND, shape);
    const scale = root / total;
    if (!(root > EPS)) throw singular(KIND, `det^(1/d) ${root}`);
    for (let j = 0; j < d; j++) shape[j] /= root;
    if (!(minimum(shape) > EPS && scale > EPS)) throw singular(KIND, 'shape or scale ≤ ε');
    const covariance = diagonalCovariance(d, shape, scale);
    return { covariances: new Array<Float64Array>(G).fill(covariance) };
  },
};
