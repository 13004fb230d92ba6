import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { type MultinomialParams, multinomial } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix, range } from '../helpers.js';

const totalIs =
  (n: number) =>
  (row: Float64Array): boolean =>
    row.reduce((a, b) => a + b, 0) === n;

describeComponentFamily('multinomial', multinomial(), {
  cases: [
    {
      name: 'three categories, 12 trials',
      params: { kind: 'multinomial', version: 1, probabilities: [0.5, 0.2, 0.3], trials: 12 },
      normalization: {
        method: 'sum',
        values: [range(13), range(13), range(13)],
        where: totalIs(12),
      },
      nParameters: 2,
      invalidEntries: [
        { column: 0, value: -1 },
        { column: 2, value: 0.5 },
      ],
    },
    {
      name: 'five categories, 4 trials',
      params: {
        kind: 'multinomial',
        version: 1,
        probabilities: [0.05, 0.1, 0.15, 0.3, 0.4],
        trials: 4,
      },
      normalization: {
        method: 'sum',
        values: [range(5), range(5), range(5), range(5), range(5)],
        where: totalIs(4),
      },
      nParameters: 4,
    },
  ],
});

describeComponentFamily(
  'multinomial with a Dirichlet pseudocount',
  multinomial({ pseudocount: 2 }),
  {
    cases: [
      {
        name: 'three categories, 12 trials',
        params: { kind: 'multinomial', version: 1, probabilities: [0.5, 0.2, 0.3], trials: 12 },
        normalization: {
          method: 'sum',
          values: [range(13), range(13), range(13)],
          where: totalIs(12),
        },
        nParameters: 2,
      },
    ],
    expectedFailures: {
      'weight-scale-invariance': 'pseudocounts are not scaled with the weights (MAP, not ML)',
    },
  },
);

describe('multinomial', () => {
  const family = multinomial();

  it('logDensity (with the multinomial coefficient) matches scipy.stats.multinomial.logpmf', () => {
    const { probabilities, X, logDensity } = reference.families.multinomial;
    const params = family.paramsFromJSON({
      kind: 'multinomial',
      version: 1,
      probabilities,
      trials: 1,
    });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 12);
  });

  it('the coefficient is the same for every parameter: log-density ratios are Σ x log(p/q)', () => {
    const p = family.paramsFromJSON({
      kind: 'multinomial',
      version: 1,
      probabilities: [0.5, 0.5],
      trials: 1,
    });
    const q = family.paramsFromJSON({
      kind: 'multinomial',
      version: 1,
      probabilities: [0.2, 0.8],
      trials: 1,
    });
    const X = matrix([[3, 4]]);
    const difference = logDensities(family, p, X)[0] - logDensities(family, q, X)[0];
    expect(difference).toBeCloseTo(3 * Math.log(0.5 / 0.2) + 4 * Math.log(0.5 / 0.8), 13);
  });

  it('an all-zero row has log-density 0 (the empty outcome is certain)', () => {
    const p = family.paramsFromJSON({
      kind: 'multinomial',
      version: 1,
      probabilities: [0.1, 0.9],
      trials: 3,
    });
    expect(logDensities(family, p, matrix([[0, 0]]))[0]).toBe(0);
  });

  it('estimates p ∝ Σw·x and trials as the rounded mean row total', () => {
    const params = estimateFrom<MultinomialParams>(
      family,
      matrix([
        [1, 3],
        [5, 1],
      ]),
      [1, 3],
    );
    expect(params.probabilities[0]).toBeCloseTo(16 / 22, 14);
    expect(params.trials).toBe(Math.round(22 / 4));
  });

  it('a category never seen gets minProbability, keeping later rows finite', () => {
    const params = estimateFrom<MultinomialParams>(
      multinomial({ minProbability: 1e-9 }),
      matrix([[2, 0]]),
    );
    expect(params.probabilities[1]).toBeCloseTo(1e-9 / (1 + 1e-9), 20);
    expect(Number.isFinite(logDensities(family, params, matrix([[0, 5]]))[0])).toBe(true);
  });
});
