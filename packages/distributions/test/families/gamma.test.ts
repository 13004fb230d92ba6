import { DegenerateComponentError, InvalidInputError } from '@mixkit/core';
import { digamma } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { type GammaParams, gamma, gammaShape } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix, thrown } from '../helpers.js';

describeComponentFamily('gamma', gamma(), {
  cases: [
    {
      name: 'shape 2.5, rate 1.5',
      params: { kind: 'gamma', version: 1, shapes: [2.5], rates: [1.5] },
      normalization: { method: 'quadrature', bounds: [[0, 40]] },
      nParameters: 2,
      invalidEntries: [
        { column: 0, value: 0 },
        { column: 0, value: -2 },
      ],
    },
    {
      name: 'two columns, shapes 2.2 and 9',
      params: { kind: 'gamma', version: 1, shapes: [2.2, 9], rates: [0.5, 3] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [0, 60],
          [0, 15],
        ],
      },
      nParameters: 4,
      invalidEntries: [{ column: 1, value: 0 }],
    },
    {
      name: 'shape 0.6 (density unbounded at 0)',
      params: { kind: 'gamma', version: 1, shapes: [0.6], rates: [2] },
      normalization: { method: 'monte-carlo' },
      nParameters: 2,
    },
  ],
});

describe('gamma', () => {
  const family = gamma();

  it('logDensity matches scipy.stats.gamma.logpdf', () => {
    const { shapes, rates, X, logDensity } = reference.families.gamma;
    const params = family.paramsFromJSON({ kind: 'gamma', version: 1, shapes, rates });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 11);
  });

  it('the ML fit matches scipy.stats.gamma.estimateFrom(floc=0) to 1e-7', () => {
    const { x, shape, rate } = reference.families.gammaFit;
    const params = estimateFrom<GammaParams>(family, matrix(x.map((v) => [v])));
    expect(Math.abs(params.shapes[0] / shape - 1)).toBeLessThan(1e-7);
    expect(Math.abs(params.rates[0] / rate - 1)).toBeLessThan(1e-7);
  });

  it("Minka's Newton iteration solves log a − ψ(a) = s across six decades of s", () => {
    for (const s of [1e-9, 1e-4, 0.05, 0.7, 3, 40]) {
      const a = gammaShape(s);
      const residual = Math.log(a) - digamma(a) - s;
      expect(Math.abs(residual)).toBeLessThan(1e-9 * s + 1e-15);
    }
  });

  it('a constant column throws DegenerateComponentError("no-support")', () => {
    const error = thrown(() =>
      estimateFrom(
        family,
        matrix([
          [2, 1],
          [2, 3],
          [2, 0.5],
        ]),
      ),
    );
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('no-support');
  });

  it('a single row is a constant column: no-support, never NaN parameters', () => {
    const error = thrown(() => estimateFrom(family, matrix([[1.5]])));
    expect((error as DegenerateComponentError).reason).toBe('no-support');
  });

  it('rejects bad options', () => {
    expect(() => gamma({ maxIterations: 0 })).toThrow(InvalidInputError);
    expect(() => gamma({ tolerance: -1 })).toThrow(InvalidInputError);
  });
});
