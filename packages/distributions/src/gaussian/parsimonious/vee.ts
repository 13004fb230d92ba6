import { cholesky, inverseFromCholesky, symmetricEigen } from '@mixkit/linalg';
import type { CovarianceModel } from './covarianceModel.js';
import { minimum } from './decomposition.js';
import { RTEPS, singular } from './innerControl.js';

const KIND = 'gaussian-VEE';

/**
 * VEE: Σₖ = λₖ·C with a common C = D·A·Dᵀ of determinant 1. No closed form: mclust's `mevee`
 * starts from λ = 1 on every M-step and alternates C ∝ Σₖ Wₖ/λₖ (det 1) and
 * λₖ = tr(Wₖ·C⁻¹) / (d·nₖ) until the objective N·d + d·Σₖ nₖ log λₖ changes by a relative
 * amount ≤ the inner tolerance. Singular when a Wₖ or C is not positive definite, or an
 * eigenvalue of C or a λₖ is ≤ √ε.
 */
export const vee: CovarianceModel = {
  name: 'VEE',
  scatter: 'full',
  perComponent: () => 1,
  shared: (d) => d - 1 + (d * (d - 1)) / 2,
  covariances({ d, G, weights, total, scatters }, control) {
    scatters.forEach((W, k) => {
      if (!cholesky(d, W).ok) throw singular(KIND, `component ${k}'s scatter is singular`);
    });
    const scale = new Float64Array(G).fill(1);
    const common = new Float64Array(d * d);
    let values: Float64Array = new Float64Array(d);
    let root = 1;
    let objective = Number.MAX_VALUE;
    let previous = Number.MAX_VALUE / 2;
    let inner = 0;
    let change: number;
    do {
      inner++;
      common.fill(0);
      for (let k = 0; k < G; k++) {
        const W = scatters[k];
        for (let e = 0; e < d * d; e++) common[e] += W[e] / scale[k];
      }
      values = symmetricEigen(d, common).values;
      let sumLog = 0;
      for (let j = 0; j < d; j++) sumLog += Math.log(values[j]);
      root = Math.exp(sumLog) ** (1 / d);
      for (let e = 0; e < d * d; e++) common[e] /= root;
      const factor = cholesky(d, common);
      if (!factor.ok) throw singular(KIND, 'the common shape matrix is not positive definite');
      const inverse = inverseFromCholesky(d, factor.factor);
      for (let k = 0; k < G; k++) {
        const W = scatters[k];
        let trace = 0;
        for (let e = 0; e < d * d; e++) trace += W[e] * inverse[e];
        scale[k] = trace / (d * weights[k]);
      }
      let sum = 0;
      for (let k = 0; k < G; k++) sum += Math.log(scale[k]) * weights[k];
      objective = total * d + d * sum;
      change = Math.abs(objective - previous) / (1 + Math.abs(objective));
      previous = objective;
    } while (change > control.tolerance && inner < control.maxIterations);
    let smallest = Number.POSITIVE_INFINITY;
    for (let j = 0; j < d; j++) smallest = Math.min(smallest, values[j] / root);
    if (!(smallest > RTEPS && minimum(scale) > RTEPS)) throw singular(KIND, 'shape or volume ≤ √ε');
    return { covariances: Array.from(scale, (s) => common.map((value) => value * s)) };
  },
};
