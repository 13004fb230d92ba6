import { DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { type GaussianSphericalParams, gaussianSpherical } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, matrix, thrown } from '../helpers.js';

describeComponentFamily('gaussianSpherical', gaussianSpherical(), {
  cases: [
    {
      name: '2-D',
      params: { kind: 'gaussian-spherical', version: 1, mean: [3, 4], variance: 0.8 },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-7, 13],
          [-6, 14],
        ],
      },
      nParameters: 3,
    },
    {
      name: '5-D (Monte Carlo normalisation)',
      params: { kind: 'gaussian-spherical', version: 1, mean: [0, 1, 2, 3, 4], variance: 2 },
      normalization: { method: 'monte-carlo' },
      nParameters: 6,
    },
  ],
});

describe('gaussianSpherical', () => {
  it('σ² is the mean of the per-column variances plus regCovar', () => {
    const params = estimateFrom<GaussianSphericalParams>(
      gaussianSpherical({ regCovar: 0.1 }),
      matrix([
        [0, 0],
        [2, 6],
      ]),
    );
    // Column variances 1 and 9.
    expect(params.variance).toBeCloseTo(5 + 0.1, 14);
  });

  it('a single row with regCovar 0 throws DegenerateComponentError("singular")', () => {
    const error = thrown(() =>
      estimateFrom(gaussianSpherical({ regCovar: 0 }), matrix([[1, 2, 3]])),
    );
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('singular');
  });
});
