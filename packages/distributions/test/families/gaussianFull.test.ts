import { createMatrix, DegenerateComponentError, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { type GaussianFullParams, gaussianFull, gaussianFullParams } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, logDensities, matrix, thrown } from '../helpers.js';

describeComponentFamily('gaussianFull', gaussianFull(), {
  cases: [
    {
      name: '1-D',
      params: { kind: 'gaussian-full', version: 1, mean: [2], covariance: [[0.5]] },
      normalization: { method: 'quadrature', bounds: [[-10, 14]] },
      nParameters: 1 + 1,
    },
    {
      name: '2-D, correlated',
      params: {
        kind: 'gaussian-full',
        version: 1,
        mean: [1, -2],
        covariance: [
          [2, 0.9],
          [0.9, 1],
        ],
      },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-12, 14],
          [-12, 8],
        ],
      },
      nParameters: 2 + 3,
    },
    {
      name: '3-D (Monte Carlo normalisation)',
      params: {
        kind: 'gaussian-full',
        version: 1,
        mean: [0, 10, -5],
        covariance: [
          [1, 0.3, -0.2],
          [0.3, 2, 0.5],
          [-0.2, 0.5, 0.8],
        ],
      },
      normalization: { method: 'monte-carlo' },
      nParameters: 3 + 6,
    },
  ],
});

describe('gaussianFull', () => {
  it('a constant column gets variance regCovar, not a failed factorisation', () => {
    const params = estimateFrom<GaussianFullParams>(
      gaussianFull(),
      matrix([
        [1, 5],
        [2, 5],
        [4, 5],
      ]),
    );
    expect(params.covariance[3]).toBe(1e-6);
    expect(params.covariance[1]).toBe(0);
  });

  it('without regularisation, a constant column throws DegenerateComponentError("singular")', () => {
    const error = thrown(() =>
      estimateFrom(
        gaussianFull({ regCovar: 0 }),
        matrix([
          [1, 5],
          [2, 5],
          [4, 5],
        ]),
      ),
    );
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('singular');
  });

  it('a single row gives mean = the row and covariance = regCovar·I', () => {
    const params = estimateFrom<GaussianFullParams>(
      gaussianFull({ regCovar: 0.25 }),
      matrix([[3, -1]]),
      [0.7],
    );
    expect(Array.from(params.mean)).toEqual([3, -1]);
    expect(Array.from(params.covariance)).toEqual([0.25, 0, 0, 0.25]);
  });

  it('collinear columns (rank-deficient scatter) are singular without regCovar, fine with it', () => {
    const X = matrix([
      [1, 2],
      [2, 4],
      [3, 6],
      [5, 10],
    ]);
    expect(
      (thrown(() => estimateFrom(gaussianFull({ regCovar: 0 }), X)) as DegenerateComponentError)
        .reason,
    ).toBe('singular');
    const params = estimateFrom<GaussianFullParams>(gaussianFull(), X);
    expect(logDensities(gaussianFull(), params, X).every(Number.isFinite)).toBe(true);
  });

  it('logDensity maps NaN data to -Infinity, never NaN', () => {
    const family = gaussianFull();
    const params = gaussianFullParams([0, 0, 0], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const X = createMatrix(1, 3, Float64Array.from([0, Number.NaN, 1]));
    expect(logDensities(family, params, X)[0]).toBe(Number.NEGATIVE_INFINITY);
  });

  it('precisionCholesky U is upper triangular with U·Uᵀ = Σ⁻¹', () => {
    const covariance = [4, 1.2, 0.5, 1.2, 2, -0.3, 0.5, -0.3, 1];
    const { precisionCholesky: U } = gaussianFullParams([0, 0, 0], covariance);
    // Σ · (U Uᵀ) = I.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let value = 0;
        for (let k = 0; k < 3; k++) {
          let precision = 0;
          for (let m = 0; m < 3; m++) precision += U[k * 3 + m] * U[j * 3 + m];
          value += covariance[i * 3 + k] * precision;
        }
        expect(value).toBeCloseTo(i === j ? 1 : 0, 13);
      }
      for (let j = 0; j < i; j++) expect(U[i * 3 + j]).toBe(0);
    }
  });

  it('paramsFromJSON rejects a covariance that is not symmetric positive definite', () => {
    const family = gaussianFull();
    const read = (covariance: number[][]) => () =>
      family.paramsFromJSON({ kind: 'gaussian-full', version: 1, mean: [0, 0], covariance });
    expect(
      read([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(InvalidInputError);
    expect(
      read([
        [1, 0.5],
        [0.2, 1],
      ]),
    ).toThrow(InvalidInputError);
    expect(read([[1, 0]])).toThrow(InvalidInputError);
  });

  it('a chunk of subnormal total weight is treated as empty: estimate throws "empty", no NaN', () => {
    const family = gaussianFull();
    const X = matrix([
      [1e6, 2],
      [1e6 + 1, 3],
    ]);
    const stats = family.accumulate(
      family.createStats(2),
      X,
      0,
      2,
      Float64Array.from([5e-324, 0]),
      0,
      1,
    );
    expect(family.totalWeight(stats)).toBe(0);
    expect(Array.from(stats.mean).every(Number.isFinite)).toBe(true);
    expect((thrown(() => family.estimate(stats)) as DegenerateComponentError).reason).toBe('empty');
  });

  it('rejects a negative regCovar', () => {
    expect(() => gaussianFull({ regCovar: -1 })).toThrow(InvalidInputError);
  });
});
