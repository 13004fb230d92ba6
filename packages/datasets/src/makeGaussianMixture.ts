import {
  assertInteger,
  createMatrix,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomInput,
  toMatrix,
  toRandom,
} from '@mixkit/core';
import { cholesky } from '@mixkit/linalg';
import { assertSampleCount, componentSizes, toMixingWeights } from './internal/componentSizes.js';
import { randomCovariance } from './internal/randomCovariance.js';
import { shuffleRows } from './internal/shuffleRows.js';
import { assertBox, uniformBox } from './internal/uniformBox.js';
import type { SyntheticDataset } from './syntheticDataset.js';

/** Options of `makeGaussianMixture`. Anything not given is drawn from the seed. */
export interface MakeGaussianMixtureOptions {
  /** Total rows. Default 500. */
  readonly nSamples?: number;
  /** Components, when neither `weights`, `means` nor `covariances` fixes it. Default 3. */
  readonly nClusters?: number;
  /** Columns, when neither `means` nor `covariances` fixes it. Default 2. */
  readonly nFeatures?: number;
  /** Mixing weights (normalised to sum 1). Default uniform. */
  readonly weights?: readonly number[];
  /** k x d component means. Default: drawn uniformly in `meanBox`. */
  readonly means?: MatrixInput;
  /**
   * One d x d symmetric positive-definite covariance per component. Default: random
   * orientations with eigenvalues uniform in `varianceRange`.
   */
  readonly covariances?: readonly MatrixInput[];
  /** Box the drawn means lie in, per coordinate. Default [-10, 10]. */
  readonly meanBox?: readonly [number, number];
  /** Range of the eigenvalues of drawn covariances. Default [0.5, 2]. */
  readonly varianceRange?: readonly [number, number];
  /** Shuffle the rows (otherwise they are grouped by component). Default true. */
  readonly shuffle?: boolean;
  /** Seed or random source. Default seed 0. */
  readonly random?: RandomInput;
}

/** The true parameters of `makeGaussianMixture` data. */
export interface GaussianMixtureParameters {
  /** Mixing weights, summing to 1. */
  readonly weights: Float64Array;
  /** k x d means. */
  readonly means: Matrix;
  /** k full d x d covariances. */
  readonly covariances: readonly Matrix[];
}

/**
 * Rows from a Gaussian mixture with full (anisotropic) covariances. Component c gets
 * `round(n w_c)` rows (largest remainder, so proportions match the weights to within 1/n), each
 * `mu_c + L_c z` with `L_c` the Cholesky factor of Sigma_c and z standard normal.
 * Deterministic under a seed: means, then covariances, then rows in component order, then
 * the shuffle are drawn in that order.
 */
export function makeGaussianMixture(
  options: MakeGaussianMixtureOptions = {},
): SyntheticDataset<GaussianMixtureParameters> {
  const random = toRandom(options.random);
  const n = options.nSamples ?? 500;
  assertSampleCount(n);
  const givenMeans = options.means && toMatrix(options.means, { argument: 'means' });
  const givenCovariances = options.covariances?.map((c, index) =>
    toMatrix(c, { argument: `covariances[${index}]` }),
  );
  const k =
    options.weights?.length ??
    givenMeans?.rows ??
    givenCovariances?.length ??
    options.nClusters ??
    3;
  assertInteger(k, 'nClusters', 1);
  const d = givenMeans?.cols ?? givenCovariances?.[0]?.rows ?? options.nFeatures ?? 2;
  assertInteger(d, 'nFeatures', 1);
  const weights = toMixingWeights(options.weights, k);

  let means: Matrix;
  if (givenMeans) {
    if (givenMeans.rows !== k || givenMeans.cols !== d) {
      throw new InvalidInputError(
        { argument: 'means', value: `${givenMeans.rows}x${givenMeans.cols}` },
        `expected ${k}x${d} (components x features)`,
      );
    }
    means = createMatrix(k, d, Float64Array.from(givenMeans.data));
  } else {
    const box = options.meanBox ?? [-10, 10];
    assertBox(box, 'meanBox');
    means = uniformBox(k, d, box, random);
  }

  const covariances: Matrix[] = [];
  const factors: Float64Array[] = [];
  if (givenCovariances && givenCovariances.length !== k) {
    throw new InvalidInputError(
      { argument: 'covariances', value: givenCovariances.length },
      `expected one covariance per component (${k})`,
    );
  }
  const range = options.varianceRange ?? [0.5, 2];
  if (!givenCovariances) {
    assertBox(range, 'varianceRange');
    if (range[0] <= 0) {
      throw new InvalidInputError({ argument: 'varianceRange', value: range[0] }, 'expected > 0');
    }
  }
  for (let c = 0; c < k; c++) {
    const argument = `covariances[${c}]`;
    const sigma = givenCovariances
      ? checkedCovariance(givenCovariances[c], d, argument)
      : randomCovariance(d, range[0], range[1], random);
    const result = cholesky(d, sigma);
    if (!result.ok) {
      throw new InvalidInputError(
        { argument, row: result.column, column: result.column, value: result.pivot },
        'the covariance is not positive definite',
      );
    }
    covariances.push(createMatrix(d, d, sigma));
    factors.push(result.factor);
  }

  const sizes = componentSizes(n, weights);
  const X = createMatrix(n, d);
  const labels = new Int32Array(n);
  const z = new Float64Array(d);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const L = factors[c];
    for (let r = 0; r < sizes[c]; r++, row++) {
      labels[row] = c;
      for (let j = 0; j < d; j++) z[j] = random.normal();
      const out = row * d;
      for (let i = 0; i < d; i++) {
        let s = means.data[c * d + i];
        for (let j = 0; j <= i; j++) s += L[i * d + j] * z[j];
        X.data[out + i] = s;
      }
    }
  }
  if (options.shuffle ?? true) shuffleRows(X, labels, random);
  return { X, labels, parameters: { weights, means, covariances } };
}

/** A copy of a given covariance after checking its shape and symmetry. */
function checkedCovariance(sigma: Matrix, d: number, argument: string): Float64Array {
  if (sigma.rows !== d || sigma.cols !== d) {
    throw new InvalidInputError(
      { argument, value: `${sigma.rows}x${sigma.cols}` },
      `expected a ${d}x${d} matrix`,
    );
  }
  const a = sigma.data;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const upper = a[j * d + i];
      const lower = a[i * d + j];
      if (Math.abs(upper - lower) > 1e-12 * Math.max(1, Math.abs(upper), Math.abs(lower))) {
        throw new InvalidInputError({ argument, row: i, column: j, value: lower }, 'not symmetric');
      }
    }
  }
  return Float64Array.from(a);
}
