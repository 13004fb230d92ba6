import {
  assertNumber,
  type ComponentFamily,
  type FamilySpec,
  type Matrix,
  type RandomSource,
} from '@mixkit/core';
import {
  LOG_FACTORIAL_TABLE_SIZE,
  logFactorial,
  logFactorialTable,
  logGamma,
} from '@mixkit/linalg';
import { POSITIVE, vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { samplePoisson } from './sampling/samplePoisson.js';
import { addColumnSums, observedWeight, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { validateSupport } from './support/validateSupport.js';

/** Options of {@link poisson}. */
export interface PoissonOptions {
  /**
   * Floor on an estimated rate. A column whose weighted mean is 0 (all counts zero) would give a
   * point mass at 0 and `-Infinity` for any later positive count; the rate is raised to this
   * value instead. Default `1e-10`; must be > 0.
   */
  readonly minRate?: number;
}

/** Independent Poisson rates, one per column. */
export interface PoissonParams {
  /** λⱼ, the rate (mean) of column j. */
  readonly rates: Float64Array;
  /** Cache: log of each rate. */
  readonly logRates: Float64Array;
  /** Cache: the sum of the rates (the log-density's constant term). */
  readonly totalRate: number;
}

/** Weighted sufficient statistics: Σw, Σw·x per column and Σw over each column's observed rows. */
export interface PoissonStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per column (observed cells). */
  readonly sum: Float64Array;
  /** Σw over the rows where each column is observed (equal to `weight` without missing cells). */
  readonly observed: Float64Array;
}

const KIND = 'poisson';

/** Builds Poisson parameters (with their caches) from positive rates. */
export function poissonParams(rates: ArrayLike<number>): PoissonParams {
  const copy = Float64Array.from(rates);
  const logRates = new Float64Array(copy.length);
  let totalRate = 0;
  for (let j = 0; j < copy.length; j++) {
    logRates[j] = Math.log(copy[j]);
    totalRate += copy[j];
  }
  return { rates: copy, logRates, totalRate };
}

/**
 * log p of the observed cells of a row with missing cells (NaN skipped): Σ over observed j of
 * xⱼ log λⱼ − λⱼ − log xⱼ!; -Infinity when an observed cell is outside the support.
 */
function observedLogDensity(
  params: PoissonParams,
  data: Float64Array,
  row: number,
  cols: number,
): number {
  let value = 0;
  for (let j = 0; j < cols; j++) {
    const x = data[row + j];
    if (Number.isNaN(x)) continue;
    if (!(x >= 0 && x === Math.floor(x) && x < Number.POSITIVE_INFINITY)) {
      return Number.NEGATIVE_INFINITY;
    }
    value += x * params.logRates[j] - params.rates[j] - logFactorial(x);
  }
  return value;
}

/**
 * Independent Poisson counts over d columns: log p(x) = Σⱼ xⱼ log λⱼ − λⱼ − log xⱼ!.
 * Support: non-negative integers. ML estimate λⱼ = Σw xⱼ / Σw (floored at `minRate`).
 * Missing cells (`'marginal'`): a row's missing cells drop out of its sum, and λⱼ divides by the
 * weight of the rows that observe column j.
 * Free parameters: d.
 */
export function poisson(
  options: PoissonOptions = {},
): ComponentFamily<PoissonParams, PoissonStats> {
  const minRate = options.minRate ?? 1e-10;
  assertNumber(minRate, 'minRate', { min: 0, exclusiveMin: true });

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { minRate } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'count', undefined, 'accept-missing');
    },
    missingCells: 'marginal',
    ...weightedSums(['sum', 'observed'], addColumnSums),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const rates = new Float64Array(stats.sum.length);
      for (let j = 0; j < rates.length; j++) {
        rates[j] = Math.max(stats.sum[j] / observedWeight(KIND, stats.observed, j), minRate);
      }
      return poissonParams(rates);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { logRates, totalRate } = params;
      // Locals, not imported bindings, inside the loop (transformed ESM turns those into getters).
      const table = logFactorialTable();
      const tableSize = LOG_FACTORIAL_TABLE_SIZE;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        if (missingRows !== undefined && missingRows[i] === 1) {
          out[o] = observedLogDensity(params, data, row, cols);
          continue;
        }
        let value = -totalRate;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          // Outside the support (negative, fractional, non-finite): the row has density 0.
          if (!(x >= 0 && x === Math.floor(x) && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          value += x * logRates[j] - (x < tableSize ? table[x | 0] : logGamma(x + 1));
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random: RandomSource, out?, outRow?) {
      const d = params.rates.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          buffer[offset + i * d + j] = samplePoisson(params.rates[j], random);
        }
      }
      return buffer;
    },
    dimension: (params) => params.rates.length,
    nParameters: (params) => params.rates.length,
    ...vectorParamsJson(KIND, { rates: POSITIVE }, poissonParams),
    checkParams: paramsShape(KIND, 'poissonParams', {
      rates: 'vector',
      logRates: 'vector',
      totalRate: 'number',
    }),
  };
}
