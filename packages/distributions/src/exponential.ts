import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
} from '@mixkit/core';
import { POSITIVE, vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { addColumnSums, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { validateSupport } from './support/validateSupport.js';

/** Independent exponential rates, one per column. */
export interface ExponentialParams {
  /** λⱼ, the rate of column j (mean 1/λⱼ). */
  readonly rates: Float64Array;
  /** Cache: Σⱼ log λⱼ, the log-density's constant term. */
  readonly sumLogRates: number;
}

/** Weighted sufficient statistics: Σw and Σw·x per column. */
export interface ExponentialStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per column. */
  readonly sum: Float64Array;
}

const KIND = 'exponential';

/** Builds exponential parameters (with their cache) from positive rates. */
export function exponentialParams(rates: ArrayLike<number>): ExponentialParams {
  const copy = Float64Array.from(rates);
  let sumLogRates = 0;
  for (let j = 0; j < copy.length; j++) sumLogRates += Math.log(copy[j]!);
  return { rates: copy, sumLogRates };
}

/**
 * Independent exponential columns: log p(x) = Σⱼ log λⱼ − λⱼ xⱼ on x ≥ 0.
 * ML estimate λⱼ = Σw / Σw xⱼ. A column whose weighted mean is 0 (all zeros) has no
 * exponential fit (λ → ∞): estimate throws `DegenerateComponentError('no-support')`.
 * Free parameters: d.
 */
export function exponential(): ComponentFamily<ExponentialParams, ExponentialStats> {
  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: {} }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'non-negative');
    },
    ...weightedSums(['sum'], addColumnSums),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const rates = new Float64Array(stats.sum.length);
      for (let j = 0; j < rates.length; j++) {
        const rate = stats.weight / stats.sum[j]!;
        if (!(rate < Number.POSITIVE_INFINITY)) {
          throw new DegenerateComponentError(KIND, 'no-support', `column ${j} has mean 0`);
        }
        rates[j] = rate;
      }
      return exponentialParams(rates);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      const { rates, sumLogRates } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        let value = sumLogRates;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j]!;
          if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value -= rates[j]! * x;
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.rates.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          // Inversion; 1 − U lies in (0, 1], so the draw is finite and >= 0.
          buffer[offset + i * d + j] = -Math.log(1 - random.uniform()) / params.rates[j]!;
        }
      }
      return buffer;
    },
    dimension: (params) => params.rates.length,
    nParameters: (params) => params.rates.length,
    ...vectorParamsJson(KIND, { rates: POSITIVE }, exponentialParams),
    checkParams: paramsShape(KIND, 'exponentialParams', { rates: 'vector', sumLogRates: 'number' }),
  };
}
