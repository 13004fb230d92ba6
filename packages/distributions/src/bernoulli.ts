import { assertNumber, type ComponentFamily, type FamilySpec, type Matrix } from '@mixkit/core';
import { vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { addColumnSums, observedWeight, weightedSums } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { DEFAULT_MIN_PROBABILITY } from './support/smoothProbabilities.js';
import { validateSupport } from './support/validateSupport.js';

/** Options of {@link bernoulli}. */
export interface BernoulliOptions {
  /** Pseudocount of ones added to every column (Beta prior; default 0). */
  readonly alpha?: number;
  /** Pseudocount of zeros added to every column (Beta prior; default 0). */
  readonly beta?: number;
  /**
   * Estimated probabilities are clamped to [minProbability, 1 − minProbability], so that a column
   * that is all 0 or all 1 in a component keeps a finite log-density for the other value.
   * Default 1e-10.
   */
  readonly minProbability?: number;
}

/** Independent Bernoulli columns: P(xⱼ = 1) = pⱼ. */
export interface BernoulliParams {
  /** pⱼ, the probability of a 1 in column j. */
  readonly probabilities: Float64Array;
  /** Cache: log pⱼ. */
  readonly logP: Float64Array;
  /** Cache: log(1 − pⱼ). */
  readonly logQ: Float64Array;
}

/** Weighted sufficient statistics: Σw, Σw·x per column and Σw over each column's observed rows. */
export interface BernoulliStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Σw·x per column (observed cells). */
  readonly sum: Float64Array;
  /** Σw over the rows where each column is observed (equal to `weight` without missing cells). */
  readonly observed: Float64Array;
}

const KIND = 'bernoulli';

/** Builds Bernoulli parameters (with their caches) from probabilities in [0, 1]. */
export function bernoulliParams(probabilities: ArrayLike<number>): BernoulliParams {
  const p = Float64Array.from(probabilities);
  const logP = new Float64Array(p.length);
  const logQ = new Float64Array(p.length);
  for (let j = 0; j < p.length; j++) {
    logP[j] = Math.log(p[j]);
    logQ[j] = Math.log1p(-p[j]);
  }
  return { probabilities: p, logP, logQ };
}

/**
 * Independent binary columns: log p(x) = Σⱼ xⱼ log pⱼ + (1 − xⱼ) log(1 − pⱼ) on x ∈ {0, 1}ᵈ.
 * Estimate (MAP with a Beta(α + 1, β + 1) prior, ML when α = β = 0):
 * pⱼ = (Σw xⱼ + α) / (Σw + α + β), clamped to [minProbability, 1 − minProbability].
 * Missing cells (`'marginal'`): they drop out of a row's sum, and Σw in pⱼ is the weight of the
 * rows that observe column j. Free parameters: d.
 */
export function bernoulli(
  options: BernoulliOptions = {},
): ComponentFamily<BernoulliParams, BernoulliStats> {
  const alpha = options.alpha ?? 0;
  const beta = options.beta ?? 0;
  const minProbability = options.minProbability ?? DEFAULT_MIN_PROBABILITY;
  assertNumber(alpha, 'alpha', { min: 0 });
  assertNumber(beta, 'beta', { min: 0 });
  assertNumber(minProbability, 'minProbability', { min: 0, max: 0.5 });

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { alpha, beta, minProbability } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'binary', undefined, 'accept-missing');
    },
    missingCells: 'marginal',
    ...weightedSums(['sum', 'observed'], addColumnSums),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const p = new Float64Array(stats.sum.length);
      for (let j = 0; j < p.length; j++) {
        const denominator = observedWeight(KIND, stats.observed, j) + alpha + beta;
        const raw = (stats.sum[j] + alpha) / denominator;
        p[j] = Math.min(Math.max(raw, minProbability), 1 - minProbability);
      }
      return bernoulliParams(p);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { logP, logQ } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        let value = 0;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          // Select rather than multiply, so p = 0 or 1 (log = -Infinity) never meets a 0 factor.
          if (x === 1) value += logP[j];
          else if (x === 0) value += logQ[j];
          else if (!(missingRows !== undefined && missingRows[i] === 1 && Number.isNaN(x))) {
            // A NaN in a row marked as having missing cells is missing: it drops out.
            value = Number.NEGATIVE_INFINITY;
            break;
          }
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.probabilities.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          buffer[offset + i * d + j] = random.uniform() < params.probabilities[j] ? 1 : 0;
        }
      }
      return buffer;
    },
    dimension: (params) => params.probabilities.length,
    nParameters: (params) => params.probabilities.length,
    ...vectorParamsJson(KIND, { probabilities: { min: 0, max: 1 } }, bernoulliParams),
    checkParams: paramsShape(KIND, 'bernoulliParams', {
      probabilities: 'vector',
      logP: 'vector',
      logQ: 'vector',
    }),
    // The Beta(α + 1, β + 1) prior the MAP estimate assumes: Σⱼ α log pⱼ + β log(1 − pⱼ).
    ...(alpha > 0 || beta > 0
      ? {
          logPrior: (params: BernoulliParams) => {
            let total = 0;
            for (let j = 0; j < params.logP.length; j++) {
              if (alpha > 0) total += alpha * params.logP[j];
              if (beta > 0) total += beta * params.logQ[j];
            }
            return total;
          },
        }
      : {}),
  };
}
