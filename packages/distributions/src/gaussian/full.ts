import type { ComponentFamily, DataRanges } from '@mixkit/core';
import { preferKernelMemory, squaredMahalanobis } from '@mixkit/linalg';
import { outputRows } from '../sampling/outputRows.js';
import { assertWeight } from '../support/assertWeight.js';
import { numberVector, squareMatrix } from '../support/builderArguments.js';
import { paramsShape } from '../support/paramsShape.js';
import {
  type CovarianceFactors,
  covarianceFromScatter,
  factorEstimate,
  fullCovarianceJson,
} from './covariance.js';
import { absoluteRegularization, gaussianForData, gaussianForRanges } from './regularization.js';
import {
  type GaussianOptions,
  gaussianBase,
  logDensityFromDistances,
  resolveRegCovar,
} from './shared.js';
import type { GaussianStats } from './statistics.js';

/** A Gaussian with a full covariance, with its Cholesky caches. */
export interface GaussianFullParams extends CovarianceFactors {
  /** μ, the mean (length d). */
  readonly mean: Float64Array;
  /** d x d row-major, regularisation included. */
  readonly covariance: Float64Array;
}

const KIND = 'gaussian-full';

/**
 * Full-covariance Gaussian parameters from a mean and a d x d covariance (copied; given as d
 * rows or flat, row-major), with the caches logDensity and sample need. Throws
 * `InvalidInputError` naming `mean` or `covariance` for a malformed argument, and
 * DegenerateComponentError('singular') when the covariance is not positive definite.
 */
export function gaussianFullParams(
  mean: ArrayLike<number>,
  covariance: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
): GaussianFullParams {
  const m = numberVector(mean, 'mean');
  const c = squareMatrix(covariance, m.length, 'covariance');
  return { mean: m, covariance: c, ...factorEstimate(KIND, m.length, c) };
}

/** The fields of full and tied parameters that `logDensity` and `sample` read. */
export const checkFullParams = (kind: string, builder: string) =>
  paramsShape(kind, builder, {
    mean: 'vector',
    covariance: 'square',
    covarianceCholesky: 'square',
    precisionCholesky: 'square',
    logDetPrecisionCholesky: 'number',
  });

/**
 * log N(x | mean, Σ) = −½ (d log 2π + ||(x − mean)·U||²) + log det U for rows [start, end),
 * the distances from linalg's `squaredMahalanobis`, which also writes -Infinity for a NaN row
 * (in its WebAssembly pass: no JavaScript scan per block, which a fresh process runs
 * unoptimised). Shared by the full and tied families.
 */
export const gaussianLogDensity = logDensityFromDistances(
  squaredMahalanobis,
  'precisionCholesky',
  'cholesky',
  true,
);

/** Draws x = mean + L·z with z standard normal (L the covariance Cholesky factor). */
export function sampleGaussian(
  params: GaussianFullParams,
  n: number,
  random: { normal(): number },
  out?: Float64Array,
  outRow?: number,
): Float64Array {
  const d = params.mean.length;
  const { buffer, offset } = outputRows(n, d, out, outRow);
  const L = params.covarianceCholesky;
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) z[k] = random.normal();
    const row = offset + i * d;
    for (let a = 0; a < d; a++) {
      let value = params.mean[a];
      for (let k = 0; k <= a; k++) value += L[a * d + k] * z[k];
      buffer[row + a] = value;
    }
  }
  return buffer;
}

/**
 * Multivariate Gaussian with a full covariance (scikit-learn `covariance_type='full'`).
 * M-step: mean = Σw x / Σw, Σ = Σ w (x − mean)(x − mean)ᵀ / Σw + regCovar·I.
 * Free parameters: d + d(d + 1)/2.
 */
export function gaussianFull(
  options: GaussianOptions = {},
): ComponentFamily<GaussianFullParams, GaussianStats> {
  const regularization = resolveRegCovar(options);
  // Its distances (through U) and scatter have WebAssembly SIMD kernels in @mixkit/linalg, which
  // run when the data is in kernel memory: the mark tells a runner that placing it there pays.
  return preferKernelMemory({
    ...gaussianBase(KIND, regularization, 'full'),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.mean.length;
      const regCovar = absoluteRegularization(regularization, KIND, d);
      const covariance = covarianceFromScatter(d, stats.scatter, stats.weight, regCovar);
      const mean = Float64Array.from(stats.mean);
      return { mean, covariance, ...factorEstimate(KIND, d, covariance) };
    },
    logDensity: gaussianLogDensity,
    sample: sampleGaussian,
    nParameters(params) {
      const d = params.mean.length;
      return d + (d * (d + 1)) / 2;
    },
    ...fullCovarianceJson(KIND),
    checkParams: checkFullParams(KIND, 'gaussianFullParams'),
    forData: (stats) =>
      gaussianForData(KIND, regularization, stats, false, (regCovar) => gaussianFull({ regCovar })),
    forDataRanges: (ranges: DataRanges) => gaussianForRanges(KIND, regularization, ranges),
  });
}
