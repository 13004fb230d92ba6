// A contributed component family, end to end in one file: the Weibull distribution with a known
// shape k, over d independent columns. CONTRIBUTING.md walks through this file.
import {
  assertNumber,
  type ComponentFamily,
  DegenerateComponentError,
  InvalidInputError,
  type JsonValue,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';
import {
  assertWeight,
  outputRows,
  ParamsReader,
  specOptions,
  validateSupport,
} from '@mixkit/distributions';

// 1. Options: what the family is configured with (and what spec() must reproduce).
export interface WeibullOptions {
  /** The shape k > 0, fixed (not estimated): with k known, Σw·x^k is a sufficient statistic. */
  readonly shape: number;
}

// 2. Params: immutable, carrying caches for logDensity.
export interface WeibullParams {
  readonly shape: number;
  /** One scale λⱼ per column. */
  readonly scales: Float64Array;
  /** Cache: λⱼ^−k. */
  readonly inverseScalePowers: Float64Array;
  /** Cache: Σⱼ log k − k log λⱼ, the log-density's constant term. */
  readonly logNormalizer: number;
}

// 3. Stats: plain values, linear in the weights (so merge adds and scale multiplies).
export interface WeibullStats {
  weight: number;
  /** Σw·xⱼ^k per column. */
  readonly sumPowers: Float64Array;
}

const KIND = 'weibull';

export function weibullParams(shape: number, scales: ArrayLike<number>): WeibullParams {
  const copy = Float64Array.from(scales);
  const inverseScalePowers = copy.map((scale) => scale ** -shape);
  let logNormalizer = 0;
  for (const scale of copy) logNormalizer += Math.log(shape) - shape * Math.log(scale);
  return { shape, scales: copy, inverseScalePowers, logNormalizer };
}

/**
 * Weibull columns with known shape k: log p(x) = Σⱼ log k − k log λⱼ + (k − 1) log xⱼ − (xⱼ/λⱼ)^k
 * on x > 0. ML estimate: λⱼ = (Σw·xⱼ^k / Σw)^(1/k). Free parameters: d (k is fixed).
 */
export function weibull(options: WeibullOptions): ComponentFamily<WeibullParams, WeibullStats> {
  const { shape } = options;
  assertNumber(shape, 'shape', { min: 0, exclusiveMin: true });

  return {
    kind: KIND,
    spec: () => ({ kind: KIND, options: { shape } }),
    // 4. validate: once per data set, typed errors at the offending row and column.
    validate(X: Matrix, argument = 'X') {
      validateSupport(X, argument, KIND, 'positive');
    },
    createStats: (dimension) => ({ weight: 0, sumPowers: new Float64Array(dimension) }),
    // 5. accumulate: a flat loop over the row range, weights read at offset + i·stride.
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const { data, cols } = X;
      for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
        const weight = weights[w];
        if (weight === 0) continue;
        stats.weight += weight;
        for (let j = 0; j < cols; j++) stats.sumPowers[j] += weight * data[i * cols + j] ** shape;
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      for (let j = 0; j < target.sumPowers.length; j++) target.sumPowers[j] += source.sumPowers[j];
      return target;
    },
    scale(stats, factor) {
      stats.weight *= factor;
      for (let j = 0; j < stats.sumPowers.length; j++) stats.sumPowers[j] *= factor;
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    // 6. estimate: the M-step; degenerate statistics throw a typed error, never NaN.
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const scales = new Float64Array(stats.sumPowers.length);
      for (let j = 0; j < scales.length; j++) {
        const scale = (stats.sumPowers[j] / stats.weight) ** (1 / shape);
        if (!(scale > 0 && scale < Number.POSITIVE_INFINITY)) {
          throw new DegenerateComponentError(KIND, 'no-support', `column ${j} has scale ${scale}`);
        }
        scales[j] = scale;
      }
      return weibullParams(shape, scales);
    },
    // 7. logDensity: writes out[offset + (i − start)·stride] only; -Infinity outside the support.
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        let value = params.logNormalizer;
        for (let j = 0; j < cols; j++) {
          const x = data[i * cols + j];
          if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value += (shape - 1) * Math.log(x) - x ** shape * params.inverseScalePowers[j];
        }
        out[o] = value;
      }
      return out;
    },
    // 8. sample: only through the given RandomSource (here by inversion).
    sample(params, n, random, out, outRow) {
      const d = params.scales.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const u = 1 - random.uniform(); // in (0, 1]
          const draw = params.scales[j] * (-Math.log(u)) ** (1 / shape);
          buffer[offset + i * d + j] = draw > 0 ? draw : Number.MIN_VALUE;
        }
      }
      return buffer;
    },
    dimension: (params) => params.scales.length,
    nParameters: (params) => params.scales.length,
    // 9. JSON: the primary parameters only; caches are rebuilt the same way, so bit-exact.
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      shape: params.shape,
      scales: Array.from(params.scales),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const scales = reader.numbers('scales', undefined, { min: 0, exclusiveMin: true });
      if (reader.number('shape') !== shape) {
        throw new InvalidInputError(
          { argument: 'json.shape', value: json.shape },
          `expected ${shape}`,
        );
      }
      return weibullParams(shape, scales);
    },
  };
}

// 10. A registry entry, so saved models that use this family can be read back.
export const weibullFactory = (options: JsonValue) =>
  weibull(specOptions<WeibullOptions>(options, KIND));
