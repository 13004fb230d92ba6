import { DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { exponential } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix, thrown } from '../helpers.js';

describeComponentFamily('exponential', exponential(), {
  cases: [
    {
      name: 'one column, rate 0.7',
      params: { kind: 'exponential', version: 1, rates: [0.7] },
      normalization: { method: 'quadrature', bounds: [[0, 80]] },
      nParameters: 1,
      invalidEntries: [{ column: 0, value: -0.5 }],
    },
    {
      name: 'two columns',
      params: { kind: 'exponential', version: 1, rates: [2, 0.25] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [0, 30],
          [0, 200],
        ],
      },
      nParameters: 2,
      invalidEntries: [{ column: 1, value: -1e-9 }],
    },
  ],
});

describe('exponential', () => {
  const family = exponential();

  it('logDensity matches scipy.stats.expon.logpdf', () => {
    const { rates, X, logDensity } = reference.families.exponential;
    const params = family.paramsFromJSON({ kind: 'exponential', version: 1, rates });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 12);
  });

  it('estimates λ = Σw / Σw·x', () => {
    const params = estimateFrom<{ rates: Float64Array }>(
      family,
      matrix([[1], [3], [0.5]]),
      [1, 2, 4],
    );
    expect(params.rates[0]).toBeCloseTo(7 / 9, 14);
  });

  it('gives density λ at x = 0 (the support includes 0)', () => {
    const params = family.paramsFromJSON({ kind: 'exponential', version: 1, rates: [3] });
    expect(logDensities(family, params, matrix([[0]]))[0]).toBeCloseTo(Math.log(3), 15);
  });

  it('a column of zeros throws DegenerateComponentError("no-support") (λ would be infinite)', () => {
    const error = thrown(() =>
      estimateFrom(
        family,
        matrix([
          [0, 1],
          [0, 2],
        ]),
      ),
    );
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('no-support');
  });

  it('a single row gives λ = 1/x', () => {
    const params = estimateFrom<{ rates: Float64Array }>(family, matrix([[4, 0.5]]));
    expect(Array.from(params.rates)).toEqual([0.25, 2]);
  });
});
