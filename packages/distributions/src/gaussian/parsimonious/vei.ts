import type { CovarianceModel } from './covarianceModel.js';
import { diagonalCovariance, geometricMean, minimum } from './decomposition.js';
import { EPS, singular } from './innerControl.js';

const KIND = 'gaussian-VEI';

/** Where VEI's inner iterations ended: volumes λₖ and the common shape A. */
export interface VolumeShapeState {
  readonly scale: Float64Array;
  readonly shape: Float64Array;
}

/**
 * VEI: Σₖ = λₖ·A, diagonal with a common shape. No closed form: mclust's `mevei` alternates
 * λₖ = Σⱼ wₖⱼ/Aⱼ / (d·nₖ) and A ∝ Σₖ wₖ/λₖ (normalised to det 1), wₖ = diag(Wₖ), until the largest
 * relative change of λ and A is ≤ the inner tolerance; it starts from λ = 1, A = I on a fit's
 * first M-step and from the previous M-step's values after that.
 */
export const vei: CovarianceModel<VolumeShapeState> = {
  name: 'VEI',
  scatter: 'diagonal',
  perComponent: () => 1,
  shared: (d) => d - 1,
  covariances({ d, G, weights, scatters }, control, warm) {
    const fits = warm !== undefined && warm.scale.length === G && warm.shape.length === d;
    const scale = fits ? Float64Array.from(warm.scale) : new Float64Array(G).fill(1);
    const shape = fits ? Float64Array.from(warm.shape) : new Float64Array(d).fill(1);
    const previousScale = new Float64Array(G);
    const previousShape = new Float64Array(d);
    let inner = 0;
    let change: number;
    do {
      if (!(minimum(shape) > EPS)) throw singular(KIND, 'shape ≤ ε');
      inner++;
      previousScale.set(scale);
      for (let k = 0; k < G; k++) {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += scatters[k][j] / shape[j];
        scale[k] = sum / (weights[k] * d);
      }
      if (!(minimum(scale) > EPS)) throw singular(KIND, 'volume ≤ ε');
      previousShape.set(shape);
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let k = 0; k < G; k++) sum += scatters[k][j] / scale[k];
        shape[j] = sum;
      }
      if (!(minimum(shape) > EPS)) throw singular(KIND, 'shape ≤ ε');
      const root = geometricMean(KIND, shape);
      if (!(root > EPS)) throw singular(KIND, `det^(1/d) ${root}`);
      for (let j = 0; j < d; j++) shape[j] /= root;
      change = 0;
      for (let k = 0; k < G; k++) {
        change = Math.max(change, Math.abs(previousScale[k] - scale[k]) / (1 + scale[k]));
      }
      for (let j = 0; j < d; j++) {
        change = Math.max(change, Math.abs(previousShape[j] - shape[j]) / (1 + shape[j]));
      }
    } while (change > control.tolerance && inner <= control.maxIterations);
    return {
      covariances: Array.from(scale, (s) => diagonalCovariance(d, shape, s)),
      warm: { scale, shape },
    };
  },
};
