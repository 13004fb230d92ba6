import { gaussianDiagParams } from '@mixkit/distributions';
import { posteriorMean } from './fullWishart.js';
import { averageScatter, halfLogTwoPi, type WishartStrategy } from './wishartStrategy.js';

/**
 * Diagonal covariance: νₖ = ν₀ + nₖ and
 * Sₖⱼ = (Ψ₀ⱼ + nₖ·(sₖⱼ + β₀/βₖ·(x̄ₖⱼ − m₀ⱼ)²)) / νₖ (scikit-learn's `_estimate_wishart_diag`).
 */
export const diagWishart: WishartStrategy<'diag'> = {
  update(stats, counts, meanPrecision, prior, regCovar) {
    const d = prior.mean.length;
    const degreesOfFreedom = counts.map((nk) => prior.degreesOfFreedom + nk);
    const params = stats.map((s, k) => {
      const nk = counts[k];
      const ratio = prior.meanPrecision / meanPrecision[k];
      const variances = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const diff = s.mean[j] - prior.mean[j];
        const sk = averageScatter(s.scatter[j], nk, regCovar);
        variances[j] =
          (prior.covariance[j] + nk * (sk + ratio * diff * diff)) / degreesOfFreedom[k];
      }
      return gaussianDiagParams(posteriorMean(s.mean, nk, prior, meanPrecision[k]), variances);
    });
    return { degreesOfFreedom, params };
  },
  logDetPrecisionCholesky: (params) => params.logDetPrecisionCholesky,
  expectedLogDensity(stats, params) {
    const d = params.mean.length;
    const nk = stats.weight;
    if (!(nk > 0)) return 0;
    let trace = 0;
    for (let j = 0; j < d; j++) {
      const diff = stats.mean[j] - params.mean[j];
      trace += (stats.scatter[j] + nk * diff * diff) * params.precisions[j];
    }
    return nk * (params.logDetPrecisionCholesky - halfLogTwoPi(d)) - 0.5 * trace;
  },
};
