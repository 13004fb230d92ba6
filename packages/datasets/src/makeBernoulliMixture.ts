import {
  assertInteger,
  assertNumber,
  createMatrix,
  type Matrix,
  type MatrixInput,
  type RandomInput,
  toRandom,
} from '@mixkit/core';
import { bernoulli, bernoulliParams } from '@mixkit/distributions';
import { assertSampleCount, componentSizes, toMixingWeights } from './internal/componentSizes.js';
import { probabilityMatrix } from './internal/probabilityMatrix.js';
import { sampleBeta } from './internal/sampleDirichlet.js';
import { shuffleRows } from './internal/shuffleRows.js';
import type { SyntheticDataset } from './syntheticDataset.js';

/** Options of `makeBernoulliMixture`. Anything not given is drawn from the seed. */
export interface MakeBernoulliMixtureOptions {
  /** Rows. Default 500. */
  readonly nSamples?: number;
  /** Components, when neither `weights` nor `probabilities` fixes it. Default 3. */
  readonly nClusters?: number;
  /** Binary columns, when `probabilities` does not fix it. Default 20. */
  readonly nFeatures?: number;
  /** Mixing weights (normalised to sum 1). Default uniform. */
  readonly weights?: readonly number[];
  /** k x d probabilities that a column is 1. Default: each drawn from Beta(c, c). */
  readonly probabilities?: MatrixInput;
  /**
   * Concentration c of the Beta(c, c) the probabilities are drawn from. Below 1 the draws pile
   * up near 0 and 1, so components differ clearly. Default 0.5.
   */
  readonly concentration?: number;
  /** Shuffle the rows (otherwise grouped by component). Default true. */
  readonly shuffle?: boolean;
  /** Seed or random source. Default seed 0. */
  readonly random?: RandomInput;
}

/** The true parameters of `makeBernoulliMixture` data. */
export interface BernoulliMixtureParameters {
  /** Mixing weights, summing to 1. */
  readonly weights: Float64Array;
  /** k x d probabilities that each column is 1 in each component. */
  readonly probabilities: Matrix;
}

/**
 * Binary vectors (entries 0 or 1) from a mixture of independent Bernoullis (latent class
 * analysis). Component c gets `round(n w_c)` rows, drawn with `@mixkit/distributions`'
 * `bernoulli` family. Deterministic under a seed: probabilities, then rows in component order,
 * then the shuffle.
 */
export function makeBernoulliMixture(
  options: MakeBernoulliMixtureOptions = {},
): SyntheticDataset<BernoulliMixtureParameters> {
  const random = toRandom(options.random);
  const n = options.nSamples ?? 500;
  assertSampleCount(n);
  const givenK = options.weights?.length;
  let probabilities: Matrix;
  if (options.probabilities !== undefined) {
    probabilities = probabilityMatrix(
      options.probabilities,
      'probabilities',
      { rows: givenK },
      false,
    );
  } else {
    const k = givenK ?? options.nClusters ?? 3;
    const d = options.nFeatures ?? 20;
    assertInteger(k, 'nClusters', 1);
    assertInteger(d, 'nFeatures', 1);
    const concentration = options.concentration ?? 0.5;
    assertNumber(concentration, 'concentration', { min: 0, exclusiveMin: true });
    probabilities = createMatrix(k, d);
    for (let t = 0; t < k * d; t++) {
      probabilities.data[t] = sampleBeta(concentration, concentration, random);
    }
  }
  const { rows: k, cols: d } = probabilities;
  const weights = toMixingWeights(options.weights, k);
  const sizes = componentSizes(n, weights);
  const family = bernoulli();
  const X = createMatrix(n, d);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const params = bernoulliParams(probabilities.data.subarray(c * d, (c + 1) * d));
    family.sample(params, sizes[c], random, X.data, row);
    labels.fill(c, row, row + sizes[c]);
    row += sizes[c];
  }
  if (options.shuffle ?? true) shuffleRows(X, labels, random);
  return { X, labels, parameters: { weights, probabilities } };
}
