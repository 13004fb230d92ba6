import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  InvalidInputError,
  type Matrix,
  type RandomSource,
  type SerializedParams,
} from '@mixkit/core';

/** Parameters of a unit-variance Gaussian: only the mean. */
export interface UnitGaussianParams {
  readonly mean: Float64Array;
}

/** Weighted sufficient statistics of a unit-variance Gaussian: total weight and weighted sum. */
export interface UnitGaussianStats {
  weight: number;
  readonly sum: Float64Array;
}

const halfLog2Pi = 0.5 * Math.log(2 * Math.PI);

/**
 * A d-dimensional Gaussian with identity covariance: the simplest real component family.
 * EM over it is exact (no regularisation), so its log-likelihood provably never decreases,
 * which is what runner tests check. Deliberately plain loops: it is a reference, not a kernel.
 */
export const unitGaussianFamily: ComponentFamily<UnitGaussianParams, UnitGaussianStats> = {
  kind: 'test-unit-gaussian',

  spec(): FamilySpec {
    return { kind: 'test-unit-gaussian', options: {} };
  },

  validate(X: Matrix, argument = 'X'): void {
    if (X.cols < 1) throw new InvalidInputError({ argument }, 'expected at least one column');
  },

  createStats(dimension: number): UnitGaussianStats {
    return { weight: 0, sum: new Float64Array(dimension) };
  },

  accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
    const d = X.cols;
    for (let i = start; i < end; i++) {
      const w = weights[weightOffset + (i - start) * weightStride];
      if (w === 0) continue;
      stats.weight += w;
      for (let j = 0; j < d; j++) stats.sum[j] += w * X.data[i * d + j];
    }
    return stats;
  },

  merge(target, source) {
    target.weight += source.weight;
    for (let j = 0; j < target.sum.length; j++) target.sum[j] += source.sum[j];
    return target;
  },

  scale(stats, factor) {
    stats.weight *= factor;
    for (let j = 0; j < stats.sum.length; j++) stats.sum[j] *= factor;
    return stats;
  },

  totalWeight(stats) {
    return stats.weight;
  },

  estimate(stats) {
    if (!(stats.weight > 0)) {
      throw new DegenerateComponentError('test-unit-gaussian', 'empty', 'total weight is zero');
    }
    const mean = new Float64Array(stats.sum.length);
    for (let j = 0; j < mean.length; j++) mean[j] = stats.sum[j] / stats.weight;
    return { mean };
  },

  logDensity(params, X, start, end, out, outOffset, outStride) {
    const d = X.cols;
    const constant = -d * halfLog2Pi;
    for (let i = start; i < end; i++) {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const diff = X.data[i * d + j] - params.mean[j];
        squared += diff * diff;
      }
      out[outOffset + (i - start) * outStride] = constant - 0.5 * squared;
    }
    return out;
  },

  sample(params, n, random: RandomSource, out, outRow = 0) {
    const d = params.mean.length;
    const buffer = out ?? new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) buffer[(outRow + i) * d + j] = params.mean[j] + random.normal();
    }
    return buffer;
  },

  dimension: (params) => params.mean.length,
  nParameters: (params) => params.mean.length,

  paramsToJSON(params): SerializedParams {
    return { kind: 'test-unit-gaussian', version: 1, mean: Array.from(params.mean) };
  },

  paramsFromJSON(json) {
    const mean = json.mean;
    if (json.kind !== 'test-unit-gaussian' || !Array.isArray(mean)) {
      throw new InvalidInputError({ argument: 'json' }, 'not a test-unit-gaussian document');
    }
    return { mean: Float64Array.from(mean as number[]) };
  },
};
