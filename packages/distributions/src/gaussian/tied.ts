import { type ComponentFamily, type DataRanges, DegenerateComponentError } from '@mixkit/core';
import { preferKernelMemory } from '@mixkit/linalg';
import { covarianceFromScatter, factorEstimate, fullCovarianceJson } from './covariance.js';
import {
  checkFullParams,
  type GaussianFullParams,
  gaussianLogDensity,
  sampleGaussian,
} from './full.js';
import { absoluteRegularization, gaussianForData, gaussianForRanges } from './regularization.js';
import { type GaussianOptions, gaussianBase, resolveRegCovar } from './shared.js';
import type { GaussianStats } from './statistics.js';

/**
 * One component of a tied-covariance Gaussian mixture: its own mean, and the covariance (with
 * caches) shared by every component estimated together (the same object, by reference).
 */
export type GaussianTiedParams = GaussianFullParams;

const KIND = 'gaussian-tied';

/**
 * Gaussians sharing one full covariance across the components of a mixture (scikit-learn
 * `covariance_type='tied'`). `estimateAll` pools the within-component scatters:
 * Σ = (Σₖ scatterₖ) / (Σₖ Nₖ) + regCovar·I, which equals scikit-learn's
 * (XᵀX − Σₖ Nₖ μₖμₖᵀ) / n when responsibilities sum to 1 per row, without its cancellation.
 * `estimate` on one component's statistics is `estimateAll` of that single component.
 * Free parameters: d per component (the mean), plus d(d + 1)/2 shared (`nSharedParameters`).
 */
export function gaussianTied(
  options: GaussianOptions = {},
): ComponentFamily<GaussianTiedParams, GaussianStats> {
  const regularization = resolveRegCovar(options);

  function estimateAll(stats: readonly GaussianStats[]): GaussianTiedParams[] {
    if (stats.length === 0) return [];
    const d = stats[0].mean.length;
    const pooled = new Float64Array(d * d);
    let total = 0;
    stats.forEach((s, k) => {
      if (!(s.weight > 0 && s.weight < Number.POSITIVE_INFINITY)) {
        throw new DegenerateComponentError(
          KIND,
          'empty',
          `component ${k} has total weight ${s.weight}`,
        );
      }
      total += s.weight;
      for (let e = 0; e < d * d; e++) pooled[e] += s.scatter[e];
    });
    const regCovar = absoluteRegularization(regularization, KIND, d);
    const covariance = covarianceFromScatter(d, pooled, total, regCovar, pooled);
    const shared = { covariance, ...factorEstimate(KIND, d, covariance) };
    return stats.map((s) => ({ mean: Float64Array.from(s.mean), ...shared }));
  }

  // The full family's kernels (WebAssembly SIMD distances and scatter) want kernel memory too.
  return preferKernelMemory({
    ...gaussianBase(KIND, regularization, 'full'),
    estimate: (stats) => estimateAll([stats])[0],
    estimateAll,
    logDensity: gaussianLogDensity,
    sample: sampleGaussian,
    nParameters: (params) => params.mean.length,
    nSharedParameters(params) {
      const d = params.mean.length;
      return (d * (d + 1)) / 2;
    },
    ...fullCovarianceJson(KIND),
    checkParams: checkFullParams(KIND, 'gaussianFullParams'),
    forData: (stats) =>
      gaussianForData(KIND, regularization, stats, false, (regCovar) => gaussianTied({ regCovar })),
    forDataRanges: (ranges: DataRanges) => gaussianForRanges(KIND, regularization, ranges),
  });
}
