import { type GaussianFullParams, gaussianFullParams } from '@mixkit/distributions';
import { averageScatter, halfLogTwoPi, type WishartStrategy } from './wishartStrategy.js';

/**
 * Full covariance: νₖ = ν₀ + nₖ and
 * Sₖ = (Ψ₀ + nₖ·sₖ + nₖ·β₀/βₖ·(x̄ₖ − m₀)(x̄ₖ − m₀)ᵀ) / νₖ (scikit-learn's `_estimate_wishart_full`).
 */
export const fullWishart: WishartStrategy<'full'> = {
  update(stats, counts, meanPrecision, prior, regCovar) {
    const d = prior.mean.length;
    const degreesOfFreedom = counts.map((nk) => prior.degreesOfFreedom + nk);
    const params = stats.map((s, k) => {
      const nk = counts[k];
      const shrink = (nk * prior.meanPrecision) / meanPrecision[k];
      const covariance = new Float64Array(d * d);
      for (let a = 0; a < d; a++) {
        const da = s.mean[a] - prior.mean[a];
        for (let b = 0; b < d; b++) {
          const sk = averageScatter(s.scatter[a * d + b], nk, a === b ? regCovar : 0);
          const db = s.mean[b] - prior.mean[b];
          covariance[a * d + b] =
            (prior.covariance[a * d + b] + nk * sk + shrink * da * db) / degreesOfFreedom[k];
        }
      }
      return gaussianFullParams(posteriorMean(s.mean, nk, prior, meanPrecision[k]), covariance);
    });
    return { degreesOfFreedom, params };
  },
  logDetPrecisionCholesky: (params) => params.logDetPrecisionCholesky,
  expectedLogDensity: (stats, params) => fullExpectedLogDensity(stats, params),
};

/** mₖ = (β₀·m₀ + nₖ·x̄ₖ) / βₖ. */
export function posteriorMean(
  mean: Float64Array,
  count: number,
  prior: { readonly meanPrecision: number; readonly mean: Float64Array },
  meanPrecision: number,
): Float64Array {
  return mean.map(
    (value, j) => (prior.meanPrecision * prior.mean[j] + count * value) / meanPrecision,
  );
}

/** `expectedLogDensity` for a full covariance, tr(S⁻¹·A) through S⁻¹ = U·Uᵀ. */
export function fullExpectedLogDensity(
  stats: { readonly weight: number; readonly mean: Float64Array; readonly scatter: Float64Array },
  params: GaussianFullParams,
): number {
  const d = params.mean.length;
  const nk = stats.weight;
  if (!(nk > 0)) return 0;
  const U = params.precisionCholesky;
  let trace = 0;
  for (let a = 0; a < d; a++) {
    const da = stats.mean[a] - params.mean[a];
    for (let b = 0; b < d; b++) {
      let precision = 0;
      for (let c = 0; c < d; c++) precision += U[a * d + c] * U[b * d + c];
      const db = stats.mean[b] - params.mean[b];
      trace += precision * (stats.scatter[a * d + b] + nk * da * db);
    }
  }
  return nk * (params.logDetPrecisionCholesky - halfLogTwoPi(d)) - 0.5 * trace;
}
