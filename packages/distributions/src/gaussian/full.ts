import type { ComponentFamily } from '@mixkit/core';
import { preferKernelMemory, squaredMahalanobis } from '@mixkit/linalg';
import { outputRows } from '../sampling/outputRows.js';
import { assertWeight } from '../support/assertWeight.js';
import {
  type CovarianceFactors,
  covarianceFromScatter,
  factorEstimate,
  fullCovarianceJson,
} from './covariance.js';
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
 * Full-covariance Gaussian parameters from a mean and a covariance (copied), with the caches
 * logDensity and sample need. Throws DegenerateComponentError('singular') when the covariance is
 * not positive definite.
 */
export function gaussianFullParams(
  mean: ArrayLike<number>,
  covariance: ArrayLike<number>,
): GaussianFullParams {
  const m = Float64Array.from(mean);
  const c = Float64Array.from(covariance);
  return { mean: m, covariance: c, ...factorEstimate(KIND, m.length, c) };
}

/**
 * log N(x | mean, Σ) = −½ (d log 2π + ||(x − mean)·U||²) + log det U for rows [start, end),
 * the distances from linalg's `squaredMahalanobis`. Shared by the full and tied families.
 */
export const gaussianLogDensity = logDensityFromDistances(
  squaredMahalanobis,
  'precisionCholesky',
  'cholesky',
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
      let value = params.mean[a]!;
      for (let k = 0; k <= a; k++) value += L[a * d + k]! * z[k]!;
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
  const regCovar = resolveRegCovar(options);
  // Its distances (through U) and scatter have WebAssembly SIMD kernels in @mixkit/linalg, which
  // run when the data is in kernel memory: the mark tells a runner that placing it there pays.
  return preferKernelMemory({
    ...gaussianBase(KIND, regCovar, 'full'),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const d = stats.mean.length;
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
  });
}
