import {
  assertNumber,
  type ComponentFamily,
  type FamilySpec,
  type Matrix,
  type SerializedParams,
} from '@mixkit/core';
import { LOG_FACTORIAL_TABLE_SIZE, logFactorialTable, logGamma } from '@mixkit/linalg';
import { ParamsReader } from './json/paramsReader.js';
import { outputRows } from './sampling/outputRows.js';
import { sampleCategorical } from './sampling/sampleCategorical.js';
import { type AddWeightedRows, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { DEFAULT_MIN_PROBABILITY, smoothProbabilities } from './support/smoothProbabilities.js';
import { missingRowsFor, validateSupport } from './support/validateSupport.js';

/** Options of {@link multinomial}. */
export interface MultinomialOptions {
  /** Dirichlet pseudocount added to every category's count (default 0: maximum likelihood). */
  readonly pseudocount?: number;
  /** Floor on estimated probabilities before renormalising (default 1e-10). */
  readonly minProbability?: number;
}

/** Category probabilities of a multinomial over count vectors. */
export interface MultinomialParams {
  /** pⱼ, the probability of category j (they sum to 1). */
  readonly probabilities: Float64Array;
  /** Cache: log of `probabilities`. */
  readonly logProbabilities: Float64Array;
  /**
   * Number of trials per row used by `sample` only: the rounded weighted mean row total of the
   * data the parameters were estimated from (at least 1). The density conditions on each row's
   * own total, so this is not a free parameter.
   */
  readonly trials: number;
}

/** Weighted sufficient statistics: Σw, Σw·xⱼ per category, Σw·(row total). */
export interface MultinomialStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per category. */
  readonly counts: Float64Array;
  /** Σw·(row total): the weighted number of trials. */
  totalCount: number;
}

const KIND = 'multinomial';

/** Builds multinomial parameters (with their cache) from probabilities summing to 1. */
export function multinomialParams(probabilities: ArrayLike<number>, trials = 1): MultinomialParams {
  const p = Float64Array.from(probabilities);
  return { probabilities: p, logProbabilities: p.map(Math.log), trials };
}

/** Σw·xⱼ per category into `counts`, Σw·(row total) into `totalCount`; returns Σw. */
const addCounts: AddWeightedRows<MultinomialStats> = (
  stats,
  X,
  start,
  end,
  weights,
  weightOffset,
  weightStride,
) => {
  const { data, cols } = X;
  const counts = stats.counts;
  let total = 0;
  let totalCount = 0;
  for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
    const weight = weights[w];
    if (weight === 0) continue;
    total += weight;
    const row = i * cols;
    let rowTotal = 0;
    for (let j = 0; j < cols; j++) {
      const x = data[row + j];
      counts[j] += weight * x;
      rowTotal += x;
    }
    totalCount += weight * rowTotal;
  }
  stats.totalCount += totalCount;
  return total;
};

/**
 * Multinomial count vectors over d categories, conditioned on each row's total n = Σⱼ xⱼ:
 * log p(x) = log n! − Σⱼ log xⱼ! + Σⱼ xⱼ log pⱼ, a proper pmf over the vectors with total n.
 * The multinomial coefficient (log n! − Σ log xⱼ!) does not depend on the parameters, so it is
 * the same for every component of a mixture and cancels in responsibilities; it is included so
 * that log-likelihoods are those of the data. Estimate (MAP with a symmetric Dirichlet prior,
 * ML when pseudocount = 0): pⱼ ∝ Σw xⱼ + pseudocount, floored at `minProbability`.
 * Free parameters: d − 1.
 */
export function multinomial(
  options: MultinomialOptions = {},
): ComponentFamily<MultinomialParams, MultinomialStats> {
  const pseudocount = options.pseudocount ?? 0;
  const minProbability = options.minProbability ?? DEFAULT_MIN_PROBABILITY;
  assertNumber(pseudocount, 'pseudocount', { min: 0 });
  assertNumber(minProbability, 'minProbability', { min: 0, max: 0.5 });

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { pseudocount, minProbability } }),
    validate(X: Matrix, argument = 'X'): void {
      missingRowsFor(
        X,
        KIND,
        'refuse-missing',
        "a row's total count, which the density conditions on, is unknown when a count is missing",
      );
      validateSupport(X, argument, KIND, 'count');
    },
    ...weightedSums(['counts'], addCounts, ['totalCount']),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const p = new Float64Array(stats.counts.length);
      smoothProbabilities(stats.counts, 0, p.length, pseudocount, minProbability, p);
      const trials = Math.max(1, Math.round(stats.totalCount / stats.weight));
      return multinomialParams(p, trials);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols } = X;
      const logP = params.logProbabilities;
      // Locals, not imported bindings, inside the loop (transformed ESM turns those into getters).
      const table = logFactorialTable();
      const tableSize = LOG_FACTORIAL_TABLE_SIZE;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        let value = 0;
        let n = 0;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!(x >= 0 && x === Math.floor(x) && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          // Skip x = 0 so that a zero probability (log = -Infinity) never meets a 0 factor.
          if (x !== 0) {
            value += x * logP[j] - (x < tableSize ? table[x | 0] : logGamma(x + 1));
          }
          n += x;
        }
        out[o] =
          value === Number.NEGATIVE_INFINITY
            ? value
            : value + (n < tableSize ? table[n | 0] : logGamma(n + 1));
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.probabilities.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      buffer.fill(0, offset, offset + n * d);
      // n·trials categorical draws by inversion: simple, and exact for any probabilities.
      for (let i = 0; i < n; i++) {
        const row = offset + i * d;
        for (let t = 0; t < params.trials; t++) {
          buffer[row + sampleCategorical(params.probabilities, 0, d, random)] += 1;
        }
      }
      return buffer;
    },
    dimension: (params) => params.probabilities.length,
    nParameters: (params) => params.probabilities.length - 1,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      probabilities: Array.from(params.probabilities),
      trials: params.trials,
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const probabilities = reader.numbers('probabilities', undefined, { min: 0, max: 1 });
      reader.sumsToOne('probabilities', probabilities);
      return multinomialParams(probabilities, reader.number('trials', { min: 1, integer: true }));
    },
    checkParams: paramsShape(KIND, 'multinomialParams', {
      probabilities: 'vector',
      logProbabilities: 'vector',
      trials: 'number',
    }),
    // The Dirichlet(pseudocount + 1) prior the MAP estimate assumes: pseudocount · Σⱼ log pⱼ.
    ...(pseudocount > 0
      ? { logPrior: (params) => pseudocount * sumOf(params.logProbabilities) }
      : {}),
  };
}

/** Σ of the entries (a prior's log term over probabilities). */
export function sumOf(values: Float64Array): number {
  let total = 0;
  for (let j = 0; j < values.length; j++) total += values[j];
  return total;
}
