import { DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { type GaussianStats, gaussianTied } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { matrix, thrown } from '../helpers.js';

describeComponentFamily('gaussianTied', gaussianTied(), {
  cases: [
    {
      name: '2-D',
      params: {
        kind: 'gaussian-tied',
        version: 1,
        mean: [0, 1],
        covariance: [
          [1, -0.4],
          [-0.4, 0.6],
        ],
      },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-9, 9],
          [-7, 9],
        ],
      },
      nParameters: 2,
      nSharedParameters: 3,
    },
    {
      name: '3-D (Monte Carlo normalisation)',
      params: {
        kind: 'gaussian-tied',
        version: 1,
        mean: [5, 5, 5],
        covariance: [
          [2, 0.1, 0],
          [0.1, 1, 0.3],
          [0, 0.3, 1.5],
        ],
      },
      normalization: { method: 'monte-carlo' },
      nParameters: 3,
      nSharedParameters: 6,
    },
  ],
});

describe('gaussianTied', () => {
  const family = gaussianTied({ regCovar: 0 });
  const accumulate = (rows: number[][]): GaussianStats => {
    const X = matrix(rows);
    return family.accumulate(
      family.createStats(X.cols),
      X,
      0,
      X.rows,
      new Float64Array(X.rows).fill(1),
      0,
      1,
    );
  };

  it('estimateAll pools within-component scatter: Σ = Σₖ scatterₖ / Σₖ Nₖ, one shared object', () => {
    const a = accumulate([[0], [2]]); // scatter 2, N 2
    const b = accumulate([[10], [11], [12], [13]]); // scatter 5, N 4
    const [pa, pb] = family.estimateAll!([a, b]);
    expect(pa!.covariance[0]).toBeCloseTo(7 / 6, 15);
    expect(pa!.covariance).toBe(pb!.covariance);
    expect(Array.from(pa!.mean)).toEqual([1]);
    expect(Array.from(pb!.mean)).toEqual([11.5]);
  });

  it('estimate on one component equals estimateAll of that component alone', () => {
    const stats = accumulate([
      [1, 2],
      [3, 1],
      [0, 0],
    ]);
    const alone = family.estimate(stats);
    const all = family.estimateAll!([stats])[0];
    expect(Array.from(alone.covariance)).toEqual(Array.from(all.covariance));
  });

  it('estimateAll names the empty component in a DegenerateComponentError("empty")', () => {
    const error = thrown(() =>
      family.estimateAll!([accumulate([[1], [2]]), family.createStats(1)]),
    );
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('empty');
    expect((error as Error).message).toContain('component 1');
  });

  it('counts d free parameters per component and d(d + 1)/2 shared', () => {
    const params = family.estimate(
      accumulate([
        [1, 2, 3],
        [2, 2, 1],
        [0, 1, 1],
        [5, 0, 2],
      ]),
    );
    expect(family.nParameters(params)).toBe(3);
    expect(family.nSharedParameters!(params)).toBe(6);
  });
});
