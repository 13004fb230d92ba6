import {
  type ComponentFamily,
  type DataRanges,
  DegenerateComponentError,
  type RandomSource,
} from '@mixkit/core';
import { preferKernelMemory, squaredMahalanobisDiagonal } from '@mixkit/linalg';
import { POSITIVE, vectorParamsJson } from '../json/vectorParamsJson.js';
import { outputRows } from '../sampling/outputRows.js';
import { assertWeight } from '../support/assertWeight.js';
import { numberVector } from '../support/builderArguments.js';
import { paramsShape } from '../support/paramsShape.js';
import { covarianceProblem } from './covariance.js';
import {
  absoluteRegularization,
  gaussianForData,
  gaussianForRanges,
  type Regularization,
  regularizationAt,
} from './regularization.js';
import {
  type GaussianOptions,
  gaussianBase,
  logDensityFromDistances,
  resolveRegCovar,
} from './shared.js';
import type { GaussianStats } from './statistics.js';

/** A Gaussian with a diagonal covariance, with its caches. */
export interface GaussianDiagParams {
  /** μ, the mean (length d). */
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
 * A malformed argument is an `InvalidInputError` naming `mean` or `variances`; a variance that
 * is not positive and finite a DegenerateComponentError (`kind` names the family).
 */
export function gaussianDiagParams(
  mean: ArrayLike<number>,
  variances: ArrayLike<number>,
  kind = KIND,
): GaussianDiagParams {
  const m = numberVector(mean, 'mean');
  const v = Float64Array.from(variances);
  // The M-step passes a Float64Array; a caller's array gets its entries' types checked (a nested
  // array would otherwise read as numbers). Non-finite numbers are degenerate, as in an M-step.
  const typed = variances instanceof Float64Array || Array.from(variances).every(isNumber);
  if (v.length !== m.length || !typed) numberVector(variances, 'variances', m.length);
  const precisions = new Float64Array(v.length);
  let sumLog = 0;
  for (let j = 0; j < v.length; j++) {
    if (!(v[j] > 0 && v[j] < Number.POSITIVE_INFINITY)) {
      throw new DegenerateComponentError(
        kind,
        'singular',
        covarianceProblem(v, `variance ${v[j]} in column ${j}`),
      );
    }
    precisions[j] = 1 / v[j];
    sumLog += Math.log(v[j]);
  }
  return { mean: m, variances: v, precisions, logDetPrecisionCholesky: -0.5 * sumLog };
}

function isNumber(value: unknown): boolean {
  return typeof value === 'number';
}

/** The fields of diagonal parameters that `logDensity` and `sample` read. */
const checkDiagParams = paramsShape(KIND, 'gaussianDiagParams', {
  mean: 'vector',
  variances: 'vector',
  precisions: 'vector',
  logDetPrecisionCholesky: 'number',
});

/** log N(x | mean, diag(σ²)) of rows [start, end) (shared with the spherical family). */
export const diagonalLogDensity = logDensityFromDistances(
  squaredMahalanobisDiagonal,
  'precisions',
  'diagonal',
  true,
);

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
        params.mean[j] + random.normal() / Math.sqrt(params.precisions[j]);
    }
  }
  return buffer;
}

/**
 * The M-step's σⱼ² = Σ w (xⱼ − meanⱼ)² / Σw + regCovarⱼ (shared with the spherical family);
 * `kind` names the family in the error for a relative regularisation not yet resolved.
 */
export function diagonalVariances(
  stats: GaussianStats,
  regularization: Regularization,
  kind: string,
): Float64Array {
  const d = stats.mean.length;
  const regCovar = absoluteRegularization(regularization, kind, d);
  const variances = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    variances[j] = stats.scatter[j] / stats.weight + regularizationAt(regCovar, j);
  }
  return variances;
}

/**
 * Multivariate Gaussian with a diagonal covariance (scikit-learn `covariance_type='diag'`).
 * M-step: mean = Σw x / Σw, σⱼ² = Σ w (xⱼ − meanⱼ)² / Σw + regCovar. Free parameters: 2d.
 */
export function gaussianDiag(
  options: GaussianOptions = {},
): ComponentFamily<GaussianDiagParams, GaussianStats> {
  const regularization = resolveRegCovar(options);
  // Its distances and moments have WebAssembly SIMD kernels in @mixkit/linalg, which run when the
  // data is in kernel memory: the mark tells a runner that placing it there pays.
  return preferKernelMemory({
    ...gaussianBase(KIND, regularization, 'diagonal'),
    estimate(stats: GaussianStats) {
      assertWeight(KIND, stats.weight);
      return gaussianDiagParams(stats.mean, diagonalVariances(stats, regularization, KIND));
    },
    logDensity: diagonalLogDensity,
    sample: sampleDiagonal,
    nParameters: (params) => 2 * params.mean.length,
    ...vectorParamsJson(KIND, { mean: {}, variances: POSITIVE }, (mean, variances) =>
      gaussianDiagParams(mean, variances),
    ),
    checkParams: checkDiagParams,
    forData: (stats: GaussianStats) =>
      gaussianForData(KIND, regularization, stats, true, (regCovar) => gaussianDiag({ regCovar })),
    forDataRanges: (ranges: DataRanges) => gaussianForRanges(KIND, regularization, ranges),
  });
}
