import type { CovarianceModel } from './covarianceModel.js';
import { composeCovariance, eigenDescending, geometricMean, minimum } from './decomposition.js';
import { EPS, RTEPS, singular } from './innerControl.js';
import type { VolumeShapeState } from './vei.js';

const KIND = 'gaussian-VEV';

/**
 * VEV: Σₖ = λₖ·Dₖ·A·Dₖᵀ. Dₖ and the decreasing eigenvalues Ωₖ come from Wₖ = Dₖ·Ωₖ·Dₖᵀ; λ and A
 * have no closed form, and mclust's `mevev` alternates λₖ = Σⱼ Ωₖⱼ/Aⱼ / (d·nₖ) and
 * A ∝ Σₖ Ωₖ/λₖ (det 1) until the largest relative change is below the inner tolerance. On a
 * fit's first M-step it starts from A = Σₖ Ωₖ / det(Σₖ Ωₖ)^(1/d), λₖ = det(Σₖ Ωₖ)^(1/d) / N;
 * after that from the previous M-step's values.
 */
export const vev: CovarianceModel<VolumeShapeState> = {
  name: 'VEV',
  scatter: 'full',
  perComponent: (d) => 1 + (d * (d - 1)) / 2,
  shared: (d) => d - 1,
  covariances({ d, G, weights, total, scatters }, control, warm) {
    const eigen = scatters.map((W) => eigenDescending(d, W));
    let scale: Float64Array;
    let shape: Float64Array;
    if (warm !== undefined && warm.scale.length === G && warm.shape.length === d) {
      scale = Float64Array.from(warm.scale);
      shape = Float64Array.from(warm.shape);
    } else {
      shape = new Float64Array(d);
      for (const { values } of eigen) for (let j = 0; j < d; j++) shape[j] += values[j];
      if (!(minimum(shape) > 0)) throw singular(KIND, 'a pooled eigenvalue is not positive');
      const root = geometricMean(KIND, shape);
      scale = new Float64Array(G).fill(root / total);
      if (!(root > EPS)) throw singular(KIND, `det^(1/d) ${root}`);
      for (let j = 0; j < d; j++) shape[j] /= root;
    }
    const previousShape = new Float64Array(d);
    const previousScale = new Float64Array(G);
    let inner = 0;
    let change: number;
    do {
      previousShape.set(shape);
      previousScale.set(scale);
      shape.fill(0);
      for (let k = 0; k < G; k++) {
        const { values } = eigen[k];
        let sum = 0;
        for (let j = 0; j < d; j++) sum += values[j] / previousShape[j];
        scale[k] = sum / (weights[k] * d);
        if (!(scale[k] > EPS)) throw singular(KIND, `component ${k}: volume ≤ ε`);
        for (let j = 0; j < d; j++) shape[j] += values[j] / scale[k];
      }
      inner++;
      if (!(minimum(shape) > 0)) throw singular(KIND, 'a shape entry is not positive');
      const root = geometricMean(KIND, shape);
      if (!(root > EPS)) throw singular(KIND, `det^(1/d) ${root}`);
      for (let j = 0; j < d; j++) shape[j] /= root;
      change = 0;
      for (let j = 0; j < d; j++) {
        change = Math.max(change, Math.abs(previousShape[j] - shape[j]) / (1 + shape[j]));
      }
      for (let k = 0; k < G; k++) {
        change = Math.max(change, Math.abs(scale[k] - previousScale[k]) / (1 + scale[k]));
      }
    } while (change >= control.tolerance && inner < control.maxIterations);
    if (!(minimum(shape) > EPS && minimum(scale) > EPS))
      throw singular(KIND, 'shape or volume ≤ ε');
    if (!(Math.sqrt(minimum(shape)) > RTEPS)) throw singular(KIND, 'a shape entry ≤ ε');
    return {
      covariances: eigen.map(({ vectors }, k) => composeCovariance(d, vectors, shape, scale[k])),
      warm: { scale, shape },
    };
  },
};
