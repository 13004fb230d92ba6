import {
  type ComponentFamily,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
  type RandomSource,
  type SerializedParams,
} from '@mixkit/core';
import { ParamsReader } from '../json/paramsReader.js';
import { outputRows } from '../sampling/outputRows.js';
import { assertWeight } from '../support/assertWeight.js';
import { validateSupport } from '../support/validateSupport.js';
import { diagonalMahalanobis } from './diagonalMahalanobis.js';
import {
  type GaussianOptions,
  type GaussianStats,
  gaussianStatistics,
  halfLogTwoPi,
  resolveRegCovar,
} from './shared.js';

/** A Gaussian with a diagonal covariance, with its caches. */
export interface GaussianDiagParams {
  readonly mean: Float64Array;
  /** The covariance diagonal σⱼ² (regularisation included). */
  readonly variances: Float64Array;
  /** Cache: 1/σⱼ². */
  readonly precisions: Float64Array;
  /** Cache: log det of the precision Cholesky factor, −½ Σⱼ log σⱼ². */
  readonly logDetPrecisionCholesky: number;
}

const KIND = 'gaussian-diag';

/**
 * Diagonal-covariance parameters from a mean and positive variances (copied), with caches.
 * `kind` names the family in the error thrown for a variance that is not positive and finite.
 */
export function gaussianDiagParams(
  mean: ArrayLike<number>,
  variances: ArrayLike<number>,
  kind = KIND,
): GaussianDiagParams {
  const v = Float64Array.from(variances);
  const precisions = new Float64Array(v.length);
  let sumLog = 0;
  for (let j = 0; j < v.length; j++) {
    if (!(v[j]! > 0 && v[j]! < Number.POSITIVE_INFINITY)) {
      throw new DegenerateComponentError(
        kind,
        'singular',
        `variance ${v[j]} in column ${j}; increase regCovar`,
      );
    }
    precisions[j] = 1 / v[j]!;
    sumLog += Math.log(v[j]!);
  }
  return {
    mean: Float64Array.from(mean),
    variances: v,
    precisions,
    logDetPrecisionCholesky: -0.5 * sumLog,
  };
}

/** log N(x | mean, diag(σ²)) of rows [start, end) (shared with the spherical family). */
export function diagonalLogDensity(
  params: {
    readonly mean: Float64Array;
    readonly precisions: Float64Array;
    readonly logDetPrecisionCholesky: number;
  },
  X: Matrix,
  start: number,
  end: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): Float64Array {
  diagonalMahalanobis(X, start, end, params.mean, params.precisions, out, outOffset, outStride);
  const constant = params.logDetPrecisionCholesky - halfLogTwoPi(params.mean.length);
  for (let i = start, o = outOffset; i < end; i++, o += outStride) {
    const value = constant - 0.5 * out[o]!;
    out[o] = Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
  }
  return out;
}

/** Draws x = mean + σ ⊙ z, z standard normal (shared with the spherical family). */
export function sampleDiagonal(
  params: { readonly mean: Float64Array; readonly precisions: Float64Array },
  n: number,
  random: RandomSource,
  out?: Float64Array,
  outRow?: number,
): Float64Array {
  const d = params.mean.length;
  const { buffer, offset } = outputRows(n, d, out, outRow);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      buffer[offset + i * d + j] =
        params.mean[j]! + random.normal() / Math.sqrt(params.precisions[j]!);
    }
  }
  return buffer;
}

/**
 * Multivariate Gaussian with a diagonal covariance (scikit-learn `covariance_type='diag'`).
 * M-step: mean = Σw x / Σw, σⱼ² = Σ w (xⱼ − meanⱼ)² / Σw + regCovar. Free parameters: 2d.
 */
export function gaussianDiag(
  options: GaussianOptions = {},
): ComponentFamily<GaussianDiagParams, GaussianStats> {
  const regCovar = resolveRegCovar(options);
  return {
    kind: KIND,
    spec: (): FamilySpec => ({ kind: KIND, options: { regCovar } }),
    validate(X: Matrix, argument = 'X'): void {
      validateSupport(X, argument, KIND, 'real');
    },
    ...gaussianStatistics('diagonal'),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const variances = new Float64Array(stats.mean.length);
      for (let j = 0; j < variances.length; j++) {
        variances[j] = stats.scatter[j]! / stats.weight + regCovar;
      }
      return gaussianDiagParams(stats.mean, variances);
    },
    logDensity: diagonalLogDensity,
    sample: sampleDiagonal,
    dimension: (params) => params.mean.length,
    nParameters: (params) => 2 * params.mean.length,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      mean: Array.from(params.mean),
      variances: Array.from(params.variances),
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const mean = reader.numbers('mean');
      const variances = reader.numbers('variances', mean.length, { min: 0, exclusiveMin: true });
      return gaussianDiagParams(mean, variances);
    },
  };
}
