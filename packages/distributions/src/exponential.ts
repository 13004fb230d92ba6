import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
} from '@mixkit/core';
import { POSITIVE, vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { addColumnSums, observedWeight, weightedSums } from './statistics/weightedSums.js';
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

/** Weighted sufficient statistics: Σw, Σw·x per column and Σw over each column's observed rows. */
export interface ExponentialStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per column (observed cells). */
  readonly sum: Float64Array;
  /** Σw over the rows where each column is observed (equal to `weight` without missing cells). */
  readonly observed: Float64Array;
}

const KIND = 'exponential';

/** Builds exponential parameters (with their cache) from positive rates. */
export function exponentialParams(rates: ArrayLike<number>): ExponentialParams {
  const copy = Float64Array.from(rates);
  let sumLogRates = 0;
  for (let j = 0; j < copy.length; j++) sumLogRates += Math.log(copy[j]);
  return { rates: copy, sumLogRates };
}

/** log p of the observed cells of a row with missing cells: Σ over observed j of log λⱼ − λⱼ xⱼ. */
function observedLogDensity(
  rates: Float64Array,
  data: Float64Array,
  row: number,
  cols: number,
): number {
  let value = 0;
  for (let j = 0; j < cols; j++) {
    const x = data[row + j];
    if (Number.isNaN(x)) continue;
    if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) return Number.NEGATIVE_INFINITY;
    value += Math.log(rates[j]) - rates[j] * x;
  }
  return value;
}

/**
 * Independent exponential columns: log p(x) = Σⱼ log λⱼ − λⱼ xⱼ on x ≥ 0.
 * ML estimate λⱼ = Σw / Σw xⱼ. A column whose weighted mean is 0 (all zeros) has no
 * exponential fit (λ → ∞): estimate throws `DegenerateComponentError('no-support')`.
 * Missing cells (`'marginal'`): they drop out of a row's sum, and Σw in λⱼ is the weight of the
 * rows that observe column j. Free parameters: d.
 */
export function exponential(): ComponentFamily<ExponentialParams, ExponentialStats> {
  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: {} }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'non-negative', undefined, 'accept-missing');
    },
    missingCells: 'marginal',
    ...weightedSums(['sum', 'observed'], addColumnSums),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const rates = new Float64Array(stats.sum.length);
      for (let j = 0; j < rates.length; j++) {
        const rate = observedWeight(KIND, stats.observed, j) / stats.sum[j];
        if (!(rate < Number.POSITIVE_INFINITY)) {
          throw new DegenerateComponentError(KIND, 'no-support', `column ${j} has mean 0`);
        }
        rates[j] = rate;
      }
      return exponentialParams(rates);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { rates, sumLogRates } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        if (missingRows !== undefined && missingRows[i] === 1) {
          out[o] = observedLogDensity(rates, data, row, cols);
          continue;
        }
        let value = sumLogRates;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value -= rates[j] * x;
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
          buffer[offset + i * d + j] = -Math.log(1 - random.uniform()) / params.rates[j];
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
