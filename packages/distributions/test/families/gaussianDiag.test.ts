import type { DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { type GaussianDiagParams, gaussianDiag } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, matrix, thrown } from '../helpers.js';

describeComponentFamily('gaussianDiag', gaussianDiag(), {
  cases: [
    {
      name: '2-D',
      params: { kind: 'gaussian-diag', version: 1, mean: [1, -1], variances: [0.5, 3] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-8, 10],
          [-20, 18],
        ],
      },
      nParameters: 4,
    },
    {
      name: '4-D (Monte Carlo normalisation)',
      params: {
        kind: 'gaussian-diag',
        version: 1,
        mean: [0, 5, -5, 100],
        variances: [1, 0.2, 4, 9],
      },
      normalization: { method: 'monte-carlo' },
      nParameters: 8,
    },
  ],
});

describe('gaussianDiag', () => {
  it('estimates per-column weighted variances plus regCovar', () => {
    const params = estimateFrom<GaussianDiagParams>(
      gaussianDiag({ regCovar: 0.5 }),
      matrix([
        [0, 10],
        [2, 10],
        [4, 13],
      ]),
      [1, 2, 1],
    );
    expect(Array.from(params.mean)).toEqual([2, 10.75]);
    expect(params.variances[0]).toBeCloseTo(2 + 0.5, 14);
    expect(params.variances[1]).toBeCloseTo((3 * 0.75 ** 2 + 2.25 ** 2) / 4 + 0.5, 14);
  });

  it('a constant column with regCovar 0 throws DegenerateComponentError("singular")', () => {
    const error = thrown(() =>
      estimateFrom(
        gaussianDiag({ regCovar: 0 }),
        matrix([
          [1, 2],
          [3, 2],
        ]),
      ),
    );
    expect((error as DegenerateComponentError).reason).toBe('singular');
  });

  it('a single row gives variances regCovar', () => {
    const params = estimateFrom<GaussianDiagParams>(gaussianDiag(), matrix([[7, 8]]));
    expect(Array.from(params.variances)).toEqual([1e-6, 1e-6]);
  });
});
