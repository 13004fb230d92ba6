import { assertUnreachable, createRandom, type Matrix } from '@mixkit/core';
import {
  exponentialParams,
  gammaParams,
  gaussianDiagParams,
  gaussianFullParams,
  gaussianSphericalParams,
  logNormalParams,
  studentTDiagParams,
  studentTFullParams,
  vonMisesFisherParams,
} from '@mixkit/distributions';
import type { MixtureInit } from '@mixkit/em';
import type { ComponentKind, CovarianceChoice } from '../state/playgroundState.js';

/** ν of a Student-t component at the start (the families' own default start). */
const START_DOF = 10;

/**
 * The textbook start of EM ("start with randomly placed Gaussians"): component c is centred on
 * a random data row, with 1/k of the data's standard deviation in every column (variance
 * s_j^2 / k^2), and all weights equal. Unlike scikit-learn's `random_from_data`, which starts each component from its
 * one row (a spike of variance `reg_covar`), every component starts wide, so the first E-step
 * is a real soft assignment and the 1-D picture shows proper bell curves from step 0.
 *
 * Non-Gaussian components get the parameters with the same mean and variance (method of
 * moments): gamma a = m^2/v, b = m/v; exponential l = 1/m; log-normal s = ln(1 + v/m^2),
 * mu = ln m - s/2. A Student t starts with that diagonal scale and ν = 10; a von Mises–Fisher
 * component points at its row with κ = k² (a spread of about 1/k radian, so k of them cover the
 * circle). mclust's models start from the full covariance of that diagonal (the first M-step
 * imposes the model's constraints). Returns the library's `{kind: 'params'}` initialisation.
 */
export function randomPlacement(
  X: Matrix,
  kinds: readonly ComponentKind[],
  covariance: CovarianceChoice,
  seed: number,
): Extract<MixtureInit, { kind: 'params' }> {
  const { rows: n, cols: d, data } = X;
  const k = kinds.length;
  if (n < k) throw new RangeError(`randomPlacement: ${n} rows cannot place ${k} components`);
  // Each of k components starts with 1/k of the data's standard deviation: together they span
  // the data, and they are not so alike that EM lingers at the symmetric start.
  const variances = columnVariances(X).map((v) => v / (k * k));
  const random = createRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(random.integer(n));
  const params = [...chosen].map((row, c) => {
    const mean = data.slice(row * d, (row + 1) * d);
    return placeComponent(kinds[c] as ComponentKind, covariance, mean, variances, k);
  });
  return { kind: 'params', params, weights: new Float64Array(k).fill(1 / k) };
}

/** Population variance of each column (1 for a constant column, so nothing starts singular). */
export function columnVariances(X: Matrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d);
  const variance = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number) / n;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const delta = (data[i * d + j] as number) - (mean[j] as number);
      variance[j] = (variance[j] as number) + (delta * delta) / n;
    }
  }
  return variance.map((v) => (v > 0 ? v : 1));
}

function placeComponent(
  kind: ComponentKind,
  covariance: CovarianceChoice,
  mean: Float64Array,
  variances: Float64Array,
  k: number,
): unknown {
  const d = mean.length;
  const diagonalMatrix = () => {
    const matrix = new Float64Array(d * d);
    for (let j = 0; j < d; j++) matrix[j * d + j] = variances[j] as number;
    return matrix;
  };
  switch (kind) {
    case 'gaussian':
      switch (covariance) {
        case 'diag':
          return gaussianDiagParams(mean, variances);
        case 'spherical':
          return gaussianSphericalParams(mean, variances.reduce((a, b) => a + b, 0) / d);
        default:
          // 'full', 'tied' and mclust's models: full parameters.
          return gaussianFullParams(mean, diagonalMatrix());
      }
    case 'student-t':
      return studentTFullParams(mean, diagonalMatrix(), START_DOF);
    case 'student-t-diag':
      return studentTDiagParams(mean, variances, START_DOF);
    case 'von-mises-fisher': {
      let norm = 0;
      for (const v of mean) norm += v * v;
      norm = Math.sqrt(norm) || 1;
      return vonMisesFisherParams(
        mean.map((v) => v / norm),
        k * k,
      );
    }
    case 'gamma':
      return gammaParams(
        mean.map((m, j) => (m * m) / (variances[j] as number)),
        mean.map((m, j) => m / (variances[j] as number)),
      );
    case 'exponential':
      return exponentialParams(mean.map((m) => 1 / m));
    case 'lognormal': {
      const logVariances = mean.map((m, j) => Math.log1p((variances[j] as number) / (m * m)));
      return logNormalParams(
        mean.map((m, j) => Math.log(m) - (logVariances[j] as number) / 2),
        logVariances,
      );
    }
    default:
      return assertUnreachable(kind, 'component kind');
  }
}
