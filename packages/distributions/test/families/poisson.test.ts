import { createMatrix, DegenerateComponentError, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { poisson } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describeComponentFamily('poisson', poisson(), {
  cases: [
    {
      name: 'one column, rate 3.5',
      params: { kind: 'poisson', version: 1, rates: [3.5] },
      normalization: { method: 'sum', values: [range(60)] },
      nParameters: 1,
      invalidEntries: [
        { column: 0, value: -1 },
        { column: 0, value: 2.5 },
      ],
    },
    {
      name: 'three columns, small to large rates',
      params: { kind: 'poisson', version: 1, rates: [0.2, 8, 40] },
      normalization: { method: 'sum', values: [range(20), range(45), range(120)] },
      nParameters: 3,
      invalidEntries: [{ column: 2, value: -3 }],
    },
  ],
});

describe('poisson', () => {
  it('logDensity matches scipy.stats.poisson.logpmf', () => {
    const { rates, X, logDensity } = reference.families.poisson;
    const family = poisson();
    const params = family.paramsFromJSON({ kind: 'poisson', version: 1, rates });
    const matrix = createMatrix(X.length, 2, Float64Array.from(X.flat()));
    const out = family.logDensity(params, matrix, 0, X.length, new Float64Array(X.length), 0, 1);
    for (let i = 0; i < X.length; i++) expect(out[i]).toBeCloseTo(logDensity[i], 11);
  });

  it('estimate of a column of zeros floors the rate at minRate instead of a point mass', () => {
    const family = poisson({ minRate: 1e-8 });
    const X = createMatrix(3, 2, Float64Array.from([0, 1, 0, 2, 0, 3]));
    const stats = family.accumulate(
      family.createStats(2),
      X,
      0,
      3,
      new Float64Array([1, 1, 1]),
      0,
      1,
    );
    const params = family.estimate(stats);
    expect(Array.from(params.rates)).toEqual([1e-8, 2]);
    const out = family.logDensity(
      params,
      createMatrix(1, 2, Float64Array.from([1, 2])),
      0,
      1,
      new Float64Array(1),
      0,
      1,
    );
    expect(Number.isFinite(out[0])).toBe(true);
  });

  it('estimate from a single row is its counts', () => {
    const family = poisson();
    const X = createMatrix(1, 2, Float64Array.from([4, 7]));
    const params = family.estimate(
      family.accumulate(family.createStats(2), X, 0, 1, new Float64Array([0.3]), 0, 1),
    );
    expect(params.rates[0]).toBeCloseTo(4, 14);
    expect(params.rates[1]).toBeCloseTo(7, 14);
  });

  it('estimate with zero total weight throws DegenerateComponentError("empty")', () => {
    const family = poisson();
    const X = createMatrix(2, 1, Float64Array.from([1, 2]));
    const stats = family.accumulate(family.createStats(1), X, 0, 2, new Float64Array(2), 0, 1);
    expect(() => family.estimate(stats)).toThrow(
      expect.objectContaining({ name: 'DegenerateComponentError', reason: 'empty' }),
    );
    try {
      family.estimate(stats);
    } catch (error) {
      expect(DegenerateComponentError.isInstance(error)).toBe(true);
    }
  });

  it('rejects minRate <= 0', () => {
    expect(() => poisson({ minRate: 0 })).toThrow(InvalidInputError);
  });
});
