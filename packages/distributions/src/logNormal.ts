import {
  assertNumber,
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
} from '@mixkit/core';
import { scaleMoments } from './gaussian/statistics.js';
import { POSITIVE, vectorParamsJson } from './json/vectorParamsJson.js';
import { outputRows } from './sampling/outputRows.js';
import { observedWeight } from './statistics/weightedSums.js';
import { assertWeight } from './support/assertWeight.js';
import { paramsShape } from './support/paramsShape.js';
import { validateSupport } from './support/validateSupport.js';

/** Options of {@link logNormal}. */
export interface LogNormalOptions {
  /**
   * Added to each estimated variance of log x, like the Gaussian families' `regCovar`, so that a
   * constant column does not give a zero variance. Default 1e-6; with 0, a constant column makes
   * estimate throw `DegenerateComponentError('no-support')`.
   */
  readonly regVariance?: number;
}

/** Independent log-normal columns: log xⱼ ~ N(μⱼ, σⱼ²). */
export interface LogNormalParams {
  /** μⱼ, the mean of log x in column j. */
  readonly means: Float64Array;
  /** σⱼ², the variance of log x in column j. */
  readonly variances: Float64Array;
  /** Cache: 1 / (2σⱼ²). */
  readonly halfPrecisions: Float64Array;
  /** Cache: −Σⱼ ½ log(2π σⱼ²). */
  readonly logNormalizer: number;
}

/**
 * Weighted moments of log x per column, merged with the pairwise update of Chan, Golub &
 * LeVeque (1979) so that data far from 0 in log space stays accurate.
 */
export interface LogNormalStats {
  /** Σw: the total weight accumulated. */
  weight: number;
  /** Weighted mean of log x. */
  readonly mean: Float64Array;
  /** Σw (log x − mean)². */
  readonly scatter: Float64Array;
  /**
   * Σw over the rows where each column is observed: the weight of that column's mean and
   * scatter (equal to `weight` without missing cells).
   */
  readonly observed: Float64Array;
}

const KIND = 'log-normal';
const LOG_TWO_PI = Math.log(2 * Math.PI);

/** Builds log-normal parameters (with their caches) from means and positive variances of log x. */
export function logNormalParams(
  means: ArrayLike<number>,
  variances: ArrayLike<number>,
): LogNormalParams {
  const mu = Float64Array.from(means);
  const v = Float64Array.from(variances);
  const halfPrecisions = new Float64Array(v.length);
  let logNormalizer = 0;
  for (let j = 0; j < v.length; j++) {
    halfPrecisions[j] = 0.5 / v[j];
    logNormalizer -= 0.5 * (LOG_TWO_PI + Math.log(v[j]));
  }
  return { means: mu, variances: v, halfPrecisions, logNormalizer };
}

/**
 * log p of the observed cells of a row with missing cells: Σ over observed j of
 * −log xⱼ − ½ log(2π σⱼ²) − (log xⱼ − μⱼ)² / (2σⱼ²).
 */
function observedLogDensity(
  params: LogNormalParams,
  data: Float64Array,
  row: number,
  cols: number,
): number {
  let value = 0;
  for (let j = 0; j < cols; j++) {
    const x = data[row + j];
    if (Number.isNaN(x)) continue;
    if (!(x > 0 && x < Number.POSITIVE_INFINITY)) return Number.NEGATIVE_INFINITY;
    const logX = Math.log(x);
    const z = logX - params.means[j];
    value -=
      logX + 0.5 * (LOG_TWO_PI + Math.log(params.variances[j])) + z * z * params.halfPrecisions[j];
  }
  return value;
}

/**
 * Independent log-normal columns on x > 0:
 * log p(x) = Σⱼ −log xⱼ − ½ log(2π σⱼ²) − (log xⱼ − μⱼ)² / (2σⱼ²).
 * ML estimate: weighted mean and variance of log x (+ `regVariance`). Missing cells
 * (`'marginal'`): they drop out of a row's sum, and each column's moments are over the rows that
 * observe it. Free parameters: 2d.
 */
export function logNormal(
  options: LogNormalOptions = {},
): ComponentFamily<LogNormalParams, LogNormalStats> {
  const regVariance = options.regVariance ?? 1e-6;
  assertNumber(regVariance, 'regVariance', { min: 0 });

  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { regVariance } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'positive', undefined, 'accept-missing');
    },
    missingCells: 'marginal',
    createStats: (dimension) => ({
      weight: 0,
      mean: new Float64Array(dimension),
      scatter: new Float64Array(dimension),
      observed: new Float64Array(dimension),
    }),
    accumulate(stats, X, start, end, weights, weightOffset, weightStride) {
      const { data, cols, missingRows } = X;
      const { mean, scatter, observed } = stats;
      // West's weighted incremental update (D. H. D. West, "Updating mean and variance estimates:
      // an improved method", CACM 22(9), 1979): stable in one pass, no stored logs. Each column
      // runs its own update over the rows that observe it (a missing cell, NaN in a marked row,
      // is skipped); on complete data every column's weight is `weight`, bit for bit.
      for (let i = start, w = weightOffset; i < end; i++, w += weightStride) {
        const weight = weights[w];
        if (weight === 0) continue;
        stats.weight += weight;
        const marked = missingRows !== undefined && missingRows[i] === 1;
        const row = i * cols;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (marked && Number.isNaN(x)) continue;
          const total = observed[j] + weight;
          observed[j] = total;
          const delta = Math.log(x) - mean[j];
          const step = delta * (weight / total);
          mean[j] += step;
          scatter[j] += weight * delta * (delta - step);
        }
      }
      return stats;
    },
    merge(target, source) {
      target.weight += source.weight;
      for (let j = 0; j < target.mean.length; j++) {
        const from = source.observed[j];
        if (from === 0) continue;
        const into = target.observed[j];
        const total = into + from;
        const ratio = from / total;
        const delta = source.mean[j] - target.mean[j];
        target.scatter[j] += source.scatter[j] + delta * delta * into * ratio;
        target.mean[j] += delta * ratio;
        target.observed[j] = total;
      }
      return target;
    },
    scale(stats, factor) {
      scaleMoments(stats, factor);
      for (let j = 0; j < stats.observed.length; j++) stats.observed[j] *= factor;
      return stats;
    },
    totalWeight: (stats) => stats.weight,
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.mean.length;
      const variances = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        const variance = stats.scatter[j] / observedWeight(KIND, stats.observed, j) + regVariance;
        if (!(variance > 0)) {
          throw new DegenerateComponentError(KIND, 'no-support', `column ${j} has zero variance`);
        }
        variances[j] = variance;
      }
      return logNormalParams(stats.mean, variances);
    },
    logDensity(params, X, start, end, out, outOffset, outStride) {
      const { data, cols, missingRows } = X;
      const { means, halfPrecisions, logNormalizer } = params;
      for (let i = start, o = outOffset; i < end; i++, o += outStride) {
        const row = i * cols;
        if (missingRows !== undefined && missingRows[i] === 1) {
          out[o] = observedLogDensity(params, data, row, cols);
          continue;
        }
        let value = logNormalizer;
        for (let j = 0; j < cols; j++) {
          const x = data[row + j];
          if (!(x > 0 && x < Number.POSITIVE_INFINITY)) {
            value = Number.NEGATIVE_INFINITY;
            break;
          }
          const logX = Math.log(x);
          const z = logX - means[j];
          value -= logX + z * z * halfPrecisions[j];
        }
        out[o] = value;
      }
      return out;
    },
    sample(params, n, random, out?, outRow?) {
      const d = params.means.length;
      const { buffer, offset } = outputRows(n, d, out, outRow);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < d; j++) {
          const draw = Math.exp(params.means[j] + Math.sqrt(params.variances[j]) * random.normal());
          // exp underflows to 0 only > 700 standard deviations out; keep the draw in the support.
          buffer[offset + i * d + j] = draw > 0 ? draw : Number.MIN_VALUE;
        }
      }
      return buffer;
    },
    dimension: (params) => params.means.length,
    nParameters: (params) => 2 * params.means.length,
    ...vectorParamsJson(KIND, { means: {}, variances: POSITIVE }, logNormalParams),
    checkParams: paramsShape(KIND, 'logNormalParams', {
      means: 'vector',
      variances: 'vector',
      halfPrecisions: 'vector',
      logNormalizer: 'number',
    }),
  };
}
