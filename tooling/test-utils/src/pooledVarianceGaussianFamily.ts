import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  InvalidInputError,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';

/** Parameters: a mean and a spherical variance shared by all components of the family. */
export interface PooledVarianceParams {
  readonly mean: Float64Array;
  readonly variance: number;
}

/** Weighted statistics: total weight, weighted sum, weighted sum of squared norms. */
export interface PooledVarianceStats {
  weight: number;
  readonly sum: Float64Array;
  sumSquares: number;
}

const kind = 'test-pooled-variance-gaussian';

/**
 * Spherical Gaussians whose variance is pooled over all components of the family through
 * `estimateAll` (a one-number analogue of a tied covariance). It exercises the optional
 * hooks `estimateAll` and `nSharedParameters`; `regVariance` keeps the variance positive.
 */
export function pooledVarianceGaussianFamily(
  regVariance = 1e-6,
): ComponentFamily<PooledVarianceParams, PooledVarianceStats> {
  const means = (statsList: readonly PooledVarianceStats[]): Float64Array[] =>
    statsList.map((stats) => {
      if (!(stats.weight > 0)) throw new DegenerateComponentError(kind, 'empty', 'zero weight');
      return stats.sum.map((value) => value / stats.weight);
    });

  // Within-component scatter: sum_i w_i |x_i - mu|^2 = sumSquares - weight |mu|^2.
  const scatter = (stats: PooledVarianceStats, mean: Float64Array): number => {
    let norm = 0;
    for (const value of mean) norm += value * value;
    return Math.max(stats.sumSquares - stats.weight * norm, 0);
  };

  const checked = (variance: number): number => {
    if (!(variance > 0)) throw new DegenerateComponentError(kind, 'singular', 'zero variance');
    return variance;
  };

  return {
    kind,
    spec: (): FamilySpec => ({ kind, options: { regVariance } }),
    validate(X: Matrix, argument = 'X') {
      if (X.cols < 1) throw new InvalidInputError({ argument }, 'expected at least one column');
    },
    createStats: (d) => ({ weight: 0, sum: new Float64Array(d), sumSquares: 0 }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const d = X.cols;
      for (let i = start; i < end; i++) {
        const w = weights[weightOffset + (i - start) * weightStride];
        if (w === 0) continue;
        stats.weight += w;
        for (let j = 0; j < d; j++) {
          const x = X.data[i * d + j];
          stats.sum[j] += w * x;
          stats.sumSquares += w * x * x;
        }
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      target.sumSquares += source.sumSquares;
      for (let j = 0; j < target.sum.length; j++) target.sum[j] += source.sum[j];
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      stats.sumSquares *= factor;
      for (let j = 0; j < stats.sum.length; j++) stats.sum[j] *= factor;
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    estimate(stats) {
      const [mean] = means([stats]);
      const variance = scatter(stats, mean!) / (stats.weight * mean!.length) + regVariance;
      return { mean: mean!, variance: checked(variance) };
    },
    estimateAll(statsList) {
      const all = means(statsList);
      let pooled = 0;
      let weight = 0;
      statsList.forEach((stats, k) => {
        pooled += scatter(stats, all[k]);
        weight += stats.weight;
      });
      const variance = checked(pooled / (weight * all[0].length) + regVariance);
      return all.map((mean) => ({ mean, variance }));
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const d = X.cols;
      const constant = -0.5 * d * Math.log(2 * Math.PI * params.variance);
      for (let i = start; i < end; i++) {
        let squared = 0;
        for (let j = 0; j < d; j++) {
          const diff = X.data[i * d + j] - params.mean[j];
          squared += diff * diff;
        }
        out[outOffset + (i - start) * outStride] = constant - (0.5 * squared) / params.variance;
      }
      return out;
    },
    sample(params, n, random, out, outRow = 0) {
      const d = params.mean.length;
      const buffer = out ?? new Float64Array(n * d);
      const sd = Math.sqrt(params.variance);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          buffer[(outRow + i) * d + j] = params.mean[j] + sd * random.normal();
        }
      }
      return buffer;
    },
    dimension: (params) => params.mean.length,
    nParameters: (params) => params.mean.length,
    nSharedParameters: () => 1,
    paramsToJSON: (params): SerializedParams => ({
      kind,
      version: 1,
      mean: Array.from(params.mean),
      variance: params.variance,
    }),
    paramsFromJSON(json) {
      if (json.kind !== kind || !Array.isArray(json.mean) || typeof json.variance !== 'number') {
        throw new InvalidInputError({ argument: 'json' }, `not a ${kind} document`);
      }
      return { mean: Float64Array.from(json.mean as number[]), variance: json.variance };
    },
  };
}
