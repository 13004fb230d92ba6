import type { Matrix } from '@mixkit/core';
import { choleskyLower } from './smallLinalg.js';

/** Mixture parameters as nested arrays (the shape scikit-learn returns). */
export interface GaussianMixtureParams {
  readonly weights: ArrayLike<number>;
  readonly means: ArrayLike<ArrayLike<number>>;
  /** k x d x d (full) or k x d (diag). */
  readonly covariances: ArrayLike<ArrayLike<number> | ArrayLike<ArrayLike<number>>>;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Mean log-likelihood per row of a Gaussian mixture, computed directly (Cholesky per component,
 * forward substitution, log-sum-exp over components) by the harness itself, so every
 * contender's final parameters are scored by the same independent formula.
 */
export function gaussianMixtureLogLikelihood(
  X: Matrix,
  params: GaussianMixtureParams,
  covarianceType: 'full' | 'diag',
): number {
  const { rows, cols: d, data } = X;
  const k = params.weights.length;
  const factors: Float64Array[] = [];
  const constants = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const cov = params.covariances[j];
    const dense = new Float64Array(d * d);
    for (let r = 0; r < d; r++) {
      if (covarianceType === 'full') {
        const row = (cov as ArrayLike<ArrayLike<number>>)[r];
        for (let c = 0; c < d; c++) dense[r * d + c] = row[c];
      } else {
        dense[r * d + r] = (cov as ArrayLike<number>)[r];
      }
    }
    const l = choleskyLower(dense, d);
    let logDet = 0;
    for (let r = 0; r < d; r++) logDet += 2 * Math.log(l[r * d + r]);
    factors.push(l);
    constants[j] = Math.log(params.weights[j]) - 0.5 * (d * LOG_2PI + logDet);
  }
  const y = new Float64Array(d);
  const logs = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const l = factors[j];
      const mean = params.means[j];
      let q = 0;
      for (let r = 0; r < d; r++) {
        let s = data[i * d + r] - mean[r];
        for (let c = 0; c < r; c++) s -= l[r * d + c] * y[c];
        const v = s / l[r * d + r];
        y[r] = v;
        q += v * v;
      }
      const value = constants[j] - 0.5 * q;
      logs[j] = value;
      if (value > max) max = value;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(logs[j] - max);
    total += max + Math.log(sum);
  }
  return total / rows;
}
