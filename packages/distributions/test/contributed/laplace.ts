// A contributed family whose M-step has no finite sufficient statistics: the Laplace
// distribution over d independent columns, whose location estimate is a weighted median.
// CONTRIBUTING.md ("M-steps without finite sufficient statistics") walks through this file.
import {
  type ComponentFamily,
  DegenerateComponentError,
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

export interface LaplaceParams {
  readonly location: Float64Array;
  readonly scale: Float64Array;
  /** Cache: −Σⱼ log 2bⱼ. */
  readonly logNormalizer: number;
}

/**
 * The weighted values of one column, canonical: sorted ascending, each distinct value once with
 * its summed weight, no zero weights. The kit compares statistics structurally, so two ways of
 * adding the same weighted rows (one pass or merged chunks, weight 2 or a duplicated row) must
 * give the same arrays.
 */
export interface WeightedValues {
  values: number[];
  weights: number[];
}

export interface LaplaceStats {
  weight: number;
  readonly columns: WeightedValues[];
}

const KIND = 'laplace';

export function laplaceParams(
  location: ArrayLike<number>,
  scale: ArrayLike<number>,
): LaplaceParams {
  const b = Float64Array.from(scale);
  let logNormalizer = 0;
  for (const value of b) logNormalizer -= Math.log(2 * value);
  return { location: Float64Array.from(location), scale: b, logNormalizer };
}

/** Merges two canonical lists into a new canonical list (linear, like merge sort's step). */
function mergeSorted(a: WeightedValues, b: WeightedValues): WeightedValues {
  const out: WeightedValues = { values: [], weights: [] };
  let i = 0;
  let j = 0;
  while (i < a.values.length || j < b.values.length) {
    const takeA = j >= b.values.length || (i < a.values.length && a.values[i] <= b.values[j]);
    const value = takeA ? a.values[i] : b.values[j];
    const weight = takeA ? a.weights[i++] : b.weights[j++];
    const last = out.values.length - 1;
    if (last >= 0 && out.values[last] === value) out.weights[last] += weight;
    else {
      out.values.push(value);
      out.weights.push(weight);
    }
  }
  return out;
}

/** The smallest value at which the cumulative weight reaches half the total. */
function weightedMedian({ values, weights }: WeightedValues, total: number): number {
  let cumulative = 0;
  for (let k = 0; k < values.length; k++) {
    cumulative += weights[k];
    if (cumulative >= total / 2) return values[k];
  }
  return values[values.length - 1];
}

/**
 * Laplace columns: log p(x) = Σⱼ −log 2bⱼ − |xⱼ − mⱼ|/bⱼ. ML estimate: mⱼ = the weighted median
 * of column j, bⱼ = Σw·|xⱼ − mⱼ| / Σw. The median needs every weighted value, so the statistics
 * keep them (see `WeightedValues`): memory O(n·d) per component, O(n log n) per accumulate.
 */
export function laplace(): ComponentFamily<LaplaceParams, LaplaceStats> {
  return {
    kind: KIND,
    spec: () => ({ kind: KIND, options: {} }),
    validate(X: Matrix, argument = 'X') {
      validateSupport(X, argument, KIND, 'real');
    },
    createStats: (dimension) => ({
      weight: 0,
      columns: Array.from({ length: dimension }, () => ({ values: [], weights: [] })),
    }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const { data, cols } = X;
      for (let j = 0; j < cols; j++) {
        const pairs: [number, number][] = [];
        for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
          if (weights[w] !== 0) pairs.push([data[i * cols + j], weights[w]]);
        }
        pairs.sort((p, q) => p[0] - q[0]);
        const chunk: WeightedValues = { values: [], weights: [] };
        for (const [value, weight] of pairs) {
          const last = chunk.values.length - 1;
          if (last >= 0 && chunk.values[last] === value) chunk.weights[last] += weight;
          else {
            chunk.values.push(value);
            chunk.weights.push(weight);
          }
        }
        stats.columns[j] = mergeSorted(stats.columns[j], chunk);
      }
      for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
        stats.weight += weights[w];
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      for (let j = 0; j < target.columns.length; j++) {
        target.columns[j] = mergeSorted(target.columns[j], source.columns[j]);
      }
      return target;
    },
    scale(stats, factor) {
      // The runner resets statistics with scale(stats, 0): that must give createStats' value,
      // so zero weights drop their values rather than keep them at weight 0.
      stats.weight *= factor;
      for (const column of stats.columns) {
        if (factor === 0) {
          column.values = [];
          column.weights = [];
        } else {
          for (let k = 0; k < column.weights.length; k++) column.weights[k] *= factor;
        }
      }
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.columns.length;
      const location = new Float64Array(d);
      const scale = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const column = stats.columns[j];
        const m = weightedMedian(column, stats.weight);
        let deviation = 0;
        for (let k = 0; k < column.values.length; k++) {
          deviation += column.weights[k] * Math.abs(column.values[k] - m);
        }
        const b = deviation / stats.weight;
        if (!(b > 0)) {
          throw new DegenerateComponentError(KIND, 'singular', `column ${j} has scale ${b}`);
        }
        location[j] = m;
        scale[j] = b;
      }
      return laplaceParams(location, scale);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        let value = params.logNormalizer;
        for (let j = 0; j < cols; j++) {
          value -= Math.abs(data[i * cols + j] - params.location[j]) / params.scale[j];
        }
        out[o] = Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
      }
      return out;
    },
    sample(params, n, random, out, outRow) {
      const d = params.location.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const u = random.uniform() - 0.5; // in [−½, ½)
          const draw = -Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
          buffer[offset + i * d + j] = params.location[j] + params.scale[j] * draw;
        }
      }
      return buffer;
    },
    dimension: (params) => params.location.length,
    nParameters: (params) => 2 * params.location.length,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      location: Array.from(params.location),
      scale: Array.from(params.scale),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const location = reader.numbers('location');
      const scale = reader.numbers('scale', location.length, { min: 0, exclusiveMin: true });
      return laplaceParams(location, scale);
    },
  };
}

export const laplaceFactory = (options: JsonValue) => {
  specOptions(options, KIND);
  return laplace();
};
