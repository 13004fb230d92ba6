import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';
import { ParamsReader } from '../json/paramsReader.js';
import { validateSupport } from '../support/validateSupport.js';
import { type GaussianFullParams, gaussianLogDensity, sampleGaussian } from './full.js';
import {
  factorEstimate,
  factorJson,
  type GaussianOptions,
  type GaussianStats,
  gaussianStatistics,
  readCovariance,
  resolveRegCovar,
  toRows,
} from './shared.js';

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
  const regCovar = resolveRegCovar(options);

  function estimateAll(stats: readonly GaussianStats[]): GaussianTiedParams[] {
    if (stats.length === 0) return [];
    const d = stats[0]!.mean.length;
    const covariance = new Float64Array(d * d);
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
      for (let e = 0; e < d * d; e++) covariance[e]! += s.scatter[e]!;
    });
    for (let e = 0; e < d * d; e++) covariance[e]! /= total;
    for (let j = 0; j < d; j++) covariance[j * d + j]! += regCovar;
    const shared = { covariance, ...factorEstimate(KIND, d, covariance) };
    return stats.map((s) => ({ mean: Float64Array.from(s.mean), ...shared }));
  }

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { regCovar } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'real');
    },
    ...gaussianStatistics('full'),
    estimate: (stats) => estimateAll([stats])[0]!,
    estimateAll,
    logDensity: gaussianLogDensity,
    sample: sampleGaussian,
    dimension: (params) => params.mean.length,
    nParameters: (params) => params.mean.length,
    nSharedParameters(params) {
      const d = params.mean.length;
      return (d * (d + 1)) / 2;
    },
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      mean: Array.from(params.mean),
      covariance: toRows(params.mean.length, params.covariance),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const mean = reader.numbers('mean');
      const covariance = readCovariance(reader, KIND, mean.length);
      return { mean, covariance, ...factorJson(KIND, mean.length, covariance) };
    },
  };
}
