import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { type CategoricalParams, categorical } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix, range, thrown } from '../helpers.js';

describeComponentFamily('categorical with per-column levels', categorical({ levels: [3, 2, 5] }), {
  cases: [
    {
      name: 'levels [3, 2, 5]',
      params: {
        kind: 'categorical',
        version: 1,
        probabilities: [
          [0.2, 0.5, 0.3],
          [0.9, 0.1],
          [0.1, 0.2, 0.3, 0.15, 0.25],
        ],
      },
      normalization: { method: 'sum', values: [range(3), range(2), range(5)] },
      nParameters: 2 + 1 + 4,
      invalidEntries: [
        { column: 0, value: 3 },
        { column: 1, value: -1 },
        { column: 2, value: 1.5 },
      ],
    },
  ],
  fixedDimension: true,
});

describeComponentFamily(
  'categorical with shared levels',
  categorical({ levels: 4, pseudocount: 0.5 }),
  {
    cases: [
      {
        name: 'two columns of 4 levels',
        params: {
          kind: 'categorical',
          version: 1,
          probabilities: [
            [0.25, 0.25, 0.4, 0.1],
            [0.7, 0.1, 0.1, 0.1],
          ],
        },
        normalization: { method: 'sum', values: [range(4), range(4)] },
        nParameters: 6,
        invalidEntries: [{ column: 1, value: 4 }],
      },
    ],
    expectedFailures: {
      'weight-scale-invariance': 'pseudocounts are not scaled with the weights (MAP, not ML)',
    },
  },
);

describe('categorical', () => {
  it('logDensity matches the log-probabilities of the codes', () => {
    const { levels, probabilities, X, logDensity } = reference.families.categorical;
    const family = categorical({ levels });
    const params = family.paramsFromJSON({
      kind: 'categorical',
      version: 1,
      probabilities: [probabilities.slice(0, 3), probabilities.slice(3)],
    });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 14);
  });

  it('a level never seen gets probability minProbability (renormalised), not 0', () => {
    const family = categorical({ levels: [3], minProbability: 1e-8 });
    const params = estimateFrom<CategoricalParams>(family, matrix([[0], [1], [1]]));
    expect(params.probabilities[2]).toBeCloseTo(1e-8 / (1 + 1e-8), 20);
    expect(Number.isFinite(logDensities(family, params, matrix([[2]]))[0])).toBe(true);
  });

  it('validate names the row, column and value of an out-of-range code', () => {
    const error = thrown(() =>
      categorical({ levels: [2, 3] }).validate(
        matrix([
          [0, 1],
          [1, 3],
        ]),
      ),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 1, column: 1, value: 3 });
  });

  it('rejects bad levels and parameters for other levels', () => {
    expect(() => categorical({ levels: [] })).toThrow(InvalidInputError);
    expect(() => categorical({ levels: [2, 0] })).toThrow(InvalidInputError);
    expect(() => categorical({ levels: 1.5 })).toThrow(InvalidInputError);
    const family = categorical({ levels: [2] });
    expect(() =>
      family.paramsFromJSON({ kind: 'categorical', version: 1, probabilities: [[0.2, 0.3, 0.5]] }),
    ).toThrow(InvalidInputError);
    expect(() =>
      family.paramsFromJSON({ kind: 'categorical', version: 1, probabilities: [[0.2, 0.3]] }),
    ).toThrow(InvalidInputError);
  });

  it('counts Σ(levels − 1) free parameters', () => {
    const family = categorical({ levels: [3, 2, 7] });
    const params = estimateFrom<CategoricalParams>(
      family,
      matrix([
        [0, 1, 6],
        [2, 0, 3],
      ]),
    );
    expect(family.nParameters(params)).toBe(2 + 1 + 6);
  });

  it('a single row puts (almost) all mass on its codes, every other level keeps the floor', () => {
    const family = categorical({ levels: [3, 2] });
    const params = estimateFrom<CategoricalParams>(family, matrix([[2, 0]]));
    expect(params.probabilities[2]).toBeCloseTo(1, 9);
    expect(params.probabilities[0]).toBeGreaterThan(0);
    expect(logDensities(family, params, matrix([[0, 1]])).every(Number.isFinite)).toBe(true);
  });
});
