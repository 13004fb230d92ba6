import { type GaussianTiedParams, gaussianFullParams } from '@mixkit/distributions';
import { fullExpectedLogDensity, posteriorMean } from './fullWishart.js';
import { averageScatter, type WishartStrategy } from './wishartStrategy.js';

/**
 * Tied covariance: ν = ν₀ + N/K and
 * S = (Ψ₀ + s·N/K + β₀/K·Σₖ nₖ/βₖ·(x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ) / ν with s the pooled within-component
 * covariance (plus regCovar), shared by every component (scikit-learn's `_estimate_wishart_tied`).
 */
export const tiedWishart: WishartStrategy<'tied'> = {
  update(stats, counts, meanPrecision, prior, regCovar) {
    const d = prior.mean.length;
    const K = stats.length;
    let total = 0;
    for (let k = 0; k < K; k++) total += counts[k];
    const nu = prior.degreesOfFreedom + total / K;
    const pooled = new Float64Array(d * d);
    for (const s of stats) for (let e = 0; e < d * d; e++) pooled[e] += s.scatter[e];
    const covariance = new Float64Array(d * d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let between = 0;
        stats.forEach((s, k) => {
          between +=
            (counts[k] / meanPrecision[k]) *
            (s.mean[a] - prior.mean[a]) *
            (s.mean[b] - prior.mean[b]);
        });
        const sk = averageScatter(pooled[a * d + b], total, a === b ? regCovar : 0);
        covariance[a * d + b] =
          (prior.covariance[a * d + b] + (sk * total) / K + (prior.meanPrecision / K) * between) /
          nu;
      }
    }
    const shared = gaussianFullParams(new Float64Array(d), covariance);
    const params = stats.map((s, k) => ({
      ...shared,
      mean: posteriorMean(s.mean, counts[k], prior, meanPrecision[k]),
    }));
    return { degreesOfFreedom: new Float64Array(K).fill(nu), params };
  },
  logDetPrecisionCholesky: (params: GaussianTiedParams) => params.logDetPrecisionCholesky,
  expectedLogDensity: (stats, params) => fullExpectedLogDensity(stats, params),
};
