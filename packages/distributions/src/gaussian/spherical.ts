import type { ComponentFamily, DataRanges, SerializedParams } from '@mixkit/core';
import { ParamsReader } from '../json/paramsReader.js';
import { assertWeight } from '../support/assertWeight.js';
import { paramsShape } from '../support/paramsShape.js';
import {
  diagonalLogDensity,
  diagonalVariances,
  gaussianDiagParams,
  sampleDiagonal,
} from './diag.js';
import { gaussianForData, gaussianForRanges } from './regularization.js';
import { type GaussianOptions, gaussianBase, resolveRegCovar } from './shared.js';
import type { GaussianStats } from './statistics.js';

/** A Gaussian with covariance σ²·I, with its caches. */
export interface GaussianSphericalParams {
  /** μ, the mean (length d). */
  readonly mean: Float64Array;
  /** σ² (regularisation included). */
  readonly variance: number;
  /** Cache: 1/σ² repeated d times (so the diagonal kernel serves both families). */
  readonly precisions: Float64Array;
  /** Cache: −½ d log σ². */
  readonly logDetPrecisionCholesky: number;
}

const KIND = 'gaussian-spherical';

/** Spherical parameters from a mean and a positive variance, with caches. */
export function gaussianSphericalParams(
  mean: ArrayLike<number>,
  variance: number,
): GaussianSphericalParams {
  const diag = gaussianDiagParams(mean, new Float64Array(mean.length).fill(variance), KIND);
  return {
    mean: diag.mean,
    variance,
    precisions: diag.precisions,
    logDetPrecisionCholesky: diag.logDetPrecisionCholesky,
  };
}

/**
 * Multivariate Gaussian with covariance σ²·I (scikit-learn `covariance_type='spherical'`).
 * M-step: mean = Σw x / Σw, σ² = the mean over columns of (Σ w (xⱼ − meanⱼ)² / Σw) + regCovar,
 * i.e. the mean of the regularised diag variances, as scikit-learn computes it.
 * Free parameters: d + 1.
 */
export function gaussianSpherical(
  options: GaussianOptions = {},
): ComponentFamily<GaussianSphericalParams, GaussianStats> {
  const regularization = resolveRegCovar(options);
  return {
    ...gaussianBase(KIND, regularization, 'diagonal'),
    estimate(stats) {
      assertWeight(KIND, stats.weight);
      const variances = diagonalVariances(stats, regularization, KIND);
      let sum = 0;
      for (let j = 0; j < variances.length; j++) sum += variances[j];
      return gaussianSphericalParams(stats.mean, sum / variances.length);
    },
    logDensity: diagonalLogDensity,
    sample: sampleDiagonal,
    nParameters: (params) => params.mean.length + 1,
    paramsToJSON: (params): SerializedParams => ({
      kind: KIND,
      version: 1,
      mean: Array.from(params.mean),
      variance: params.variance,
    }),
    paramsFromJSON(json) {
      const reader = ParamsReader.open(json, KIND);
      const mean = reader.numbers('mean');
      return gaussianSphericalParams(
        mean,
        reader.number('variance', { min: 0, exclusiveMin: true }),
      );
    },
    checkParams: paramsShape(KIND, 'gaussianSphericalParams', {
      mean: 'vector',
      variance: 'number',
      precisions: 'vector',
      logDetPrecisionCholesky: 'number',
    }),
    forData: (stats) =>
      gaussianForData(KIND, regularization, stats, true, (regCovar) =>
        gaussianSpherical({ regCovar }),
      ),
    forDataRanges: (ranges: DataRanges) => gaussianForRanges(KIND, regularization, ranges),
  };
}
