import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { type BernoulliParams, bernoulli } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix } from '../helpers.js';

const binary = [0, 1];

describeComponentFamily('bernoulli', bernoulli(), {
  cases: [
    {
      name: 'four columns',
      params: { kind: 'bernoulli', version: 1, probabilities: [0.1, 0.5, 0.75, 0.98] },
      normalization: { method: 'sum', values: [binary, binary, binary, binary] },
      nParameters: 4,
      invalidEntries: [
        { column: 0, value: 2 },
        { column: 3, value: 0.5 },
        { column: 1, value: -1 },
      ],
    },
  ],
});

describeComponentFamily('bernoulli with Beta pseudocounts', bernoulli({ alpha: 1, beta: 2 }), {
  cases: [
    {
      name: 'two columns',
      params: { kind: 'bernoulli', version: 1, probabilities: [0.3, 0.6] },
      normalization: { method: 'sum', values: [binary, binary] },
      nParameters: 2,
    },
  ],
  expectedFailures: {
    'weight-scale-invariance': 'pseudocounts are not scaled with the weights (MAP, not ML)',
  },
});

describe('bernoulli', () => {
  it('logDensity matches scipy.stats.bernoulli.logpmf', () => {
    const family = bernoulli();
    const { probabilities, X, logDensity } = reference.families.bernoulli;
    const params = family.paramsFromJSON({ kind: 'bernoulli', version: 1, probabilities });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 14);
  });

  it('an all-ones or all-zeros column is clamped to [minProbability, 1 − minProbability]', () => {
    const family = bernoulli({ minProbability: 1e-6 });
    const params = estimateFrom<BernoulliParams>(
      family,
      matrix([
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
    );
    expect(Array.from(params.probabilities)).toEqual([1 - 1e-6, 1e-6]);
    const unseen = logDensities(family, params, matrix([[0, 1]]))[0];
    expect(unseen).toBeCloseTo(2 * Math.log(1e-6), 10);
  });

  it('pseudocounts give (Σw·x + α) / (Σw + α + β)', () => {
    const params = estimateFrom<BernoulliParams>(
      bernoulli({ alpha: 1, beta: 3 }),
      matrix([[1], [0], [1]]),
    );
    expect(params.probabilities[0]).toBeCloseTo(3 / 7, 15);
  });

  it('a single row gives p = the row, clamped away from 0 and 1', () => {
    const params = estimateFrom<BernoulliParams>(bernoulli(), matrix([[1, 0]]));
    expect(Array.from(params.probabilities)).toEqual([1 - 1e-10, 1e-10]);
  });
});
