import {
  assertInteger,
  assertNumber,
  assertUnreachable,
  createMatrix,
  InvalidInputError,
  type Matrix,
  type MatrixInput,
  type RandomInput,
  type RandomSource,
  toRandom,
} from '@mixkit/core';
import { sampleCategorical, samplePoisson } from '@mixkit/distributions';
import { assertSampleCount, componentSizes, toMixingWeights } from './internal/componentSizes.js';
import { probabilityMatrix } from './internal/probabilityMatrix.js';
import { sampleDirichlet } from './internal/sampleDirichlet.js';
import { shuffleRows } from './internal/shuffleRows.js';
import type { SyntheticDataset } from './syntheticDataset.js';

/** How document lengths are chosen. */
export type DocumentLengths = 'poisson' | 'fixed';

/** Options of `makeBagOfWords`. Anything not given is drawn from the seed. */
export interface MakeBagOfWordsOptions {
  /** Documents (rows). Default 200. */
  readonly nDocuments?: number;
  /** Topics (components), when neither `weights` nor `wordProbabilities` fixes it. Default 3. */
  readonly nTopics?: number;
  /** Vocabulary size (columns), when `wordProbabilities` does not fix it. Default 50. */
  readonly vocabularySize?: number;
  /** Topic weights (normalised to sum 1). Default uniform. */
  readonly weights?: readonly number[];
  /** k x V word probabilities, each row summing to 1. Default: Dirichlet(concentration) rows. */
  readonly wordProbabilities?: MatrixInput;
  /** Symmetric Dirichlet concentration of drawn topics; small values give peaked topics. Default 0.2. */
  readonly concentration?: number;
  /** Mean words per document. Default 100. */
  readonly documentLength?: number;
  /**
   * `'poisson'` (default): each length is 1 + Poisson(documentLength - 1), so no document is
   * empty and the mean is exact; `'fixed'`: every document has `documentLength` words.
   */
  readonly lengths?: DocumentLengths;
  /** Shuffle the documents (otherwise grouped by topic). Default true. */
  readonly shuffle?: boolean;
  /** Seed or random source. Default seed 0. */
  readonly random?: RandomInput;
}

/** The true parameters of `makeBagOfWords` data. */
export interface BagOfWordsParameters {
  /** Topic weights, summing to 1. */
  readonly weights: Float64Array;
  /** k x V word probabilities of each topic; rows sum to 1. */
  readonly wordProbabilities: Matrix;
  /** Number of words in each document (row sums of X), in row order. */
  readonly documentLengths: Int32Array;
}

/**
 * A corpus from a mixture of multinomials (one topic per document, Nigam et al. 2000): a
 * documents x vocabulary matrix of word counts. Each word of a document of topic c is drawn from
 * the topic's word distribution with `@mixkit/distributions`' `sampleCategorical`, lengths with
 * its `samplePoisson`. Deterministic under a seed: topics, then documents in topic order (length,
 * then words), then the shuffle.
 */
export function makeBagOfWords(
  options: MakeBagOfWordsOptions = {},
): SyntheticDataset<BagOfWordsParameters> {
  const random = toRandom(options.random);
  const n = options.nDocuments ?? 200;
  assertSampleCount(n, 'nDocuments');
  const meanLength = options.documentLength ?? 100;
  assertNumber(meanLength, 'documentLength', { min: 1 });
  const lengths = options.lengths ?? 'poisson';
  if (lengths === 'fixed') assertInteger(meanLength, 'documentLength', 1);
  else if (lengths !== 'poisson') {
    throw new InvalidInputError(
      { argument: 'lengths', value: lengths },
      "expected 'poisson' or 'fixed'",
    );
  }
  const givenK = options.weights?.length;
  let topics: Matrix;
  if (options.wordProbabilities !== undefined) {
    topics = probabilityMatrix(
      options.wordProbabilities,
      'wordProbabilities',
      { rows: givenK },
      true,
    );
  } else {
    const k = givenK ?? options.nTopics ?? 3;
    const v = options.vocabularySize ?? 50;
    assertInteger(k, 'nTopics', 1);
    assertInteger(v, 'vocabularySize', 1);
    const concentration = options.concentration ?? 0.2;
    assertNumber(concentration, 'concentration', { min: 0, exclusiveMin: true });
    topics = createMatrix(k, v);
    for (let c = 0; c < k; c++) sampleDirichlet(concentration, v, random, topics.data, c * v);
  }
  const { rows: k, cols: v } = topics;
  const weights = toMixingWeights(options.weights, k);
  const sizes = componentSizes(n, weights);
  const X = createMatrix(n, v);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    for (let r = 0; r < sizes[c]; r++, row++) {
      labels[row] = c;
      const length = documentLength(lengths, meanLength, random);
      for (let w = 0; w < length; w++) {
        X.data[row * v + sampleCategorical(topics.data, c * v, v, random)] += 1;
      }
    }
  }
  if (options.shuffle ?? true) shuffleRows(X, labels, random);
  const documentLengths = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < v; j++) total += X.data[i * v + j];
    documentLengths[i] = total;
  }
  return { X, labels, parameters: { weights, wordProbabilities: topics, documentLengths } };
}

function documentLength(lengths: DocumentLengths, mean: number, random: RandomSource): number {
  switch (lengths) {
    case 'fixed':
      return mean;
    case 'poisson':
      return 1 + samplePoisson(mean - 1, random);
    default:
      return assertUnreachable(lengths, 'lengths');
  }
}
