import { gaussianSphericalParams } from '@mixkit/distributions';
import { posteriorMean } from './fullWishart.js';
import { averageScatter, halfLogTwoPi, type WishartStrategy } from './wishartStrategy.js';

/**
 * Spherical covariance: νₖ = ν₀ + nₖ and
 * Sₖ = (ψ₀ + nₖ·(sₖ + β₀/βₖ·meanⱼ (x̄ₖⱼ − m₀ⱼ)²)) / νₖ, sₖ the mean of the diagonal variances
 * (scikit-learn's `_estimate_wishart_spherical`).
 */
export const sphericalWishart: WishartStrategy<'spherical'> = {
  update(stats, counts, meanPrecision, prior, regCovar) {
    const d = prior.mean.length;
    const degreesOfFreedom = counts.map((nk) => prior.degreesOfFreedom + nk);
    const params = stats.map((s, k) => {
      const nk = counts[k];
      let sk = 0;
      let squared = 0;
      for (let j = 0; j < d; j++) {
        sk += averageScatter(s.scatter[j], nk, regCovar);
        const diff = s.mean[j] - prior.mean[j];
        squared += diff * diff;
      }
      const ratio = prior.meanPrecision / meanPrecision[k];
      const variance =
        (prior.covariance[0] + nk * (sk / d + ratio * (squared / d))) / degreesOfFreedom[k];
      return gaussianSphericalParams(posteriorMean(s.mean, nk, prior, meanPrecision[k]), variance);
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
      trace += stats.scatter[j] + nk * diff * diff;
    }
    return (
      nk * (params.logDetPrecisionCholesky - halfLogTwoPi(d)) - (0.5 * trace) / params.variance
    );
  },
};
