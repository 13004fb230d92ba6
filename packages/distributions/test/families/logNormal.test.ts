import { DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/reference.json' with { type: 'json' };
import { type LogNormalParams, logNormal } from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, expectAllClose, logDensities, matrix, thrown } from '../helpers.js';

describeComponentFamily('logNormal', logNormal(), {
  cases: [
    {
      name: 'one column',
      params: { kind: 'log-normal', version: 1, means: [0.5], variances: [0.3] },
      normalization: { method: 'quadrature', bounds: [[0, 60]] },
      nParameters: 2,
      invalidEntries: [
        { column: 0, value: 0 },
        { column: 0, value: -1 },
      ],
    },
    {
      name: 'three columns (Monte Carlo normalisation)',
      params: { kind: 'log-normal', version: 1, means: [0, 2, -1], variances: [0.2, 0.05, 0.5] },
      normalization: { method: 'monte-carlo' },
      nParameters: 6,
      invalidEntries: [{ column: 2, value: 0 }],
    },
  ],
});

describe('logNormal', () => {
  it('logDensity matches scipy.stats.lognorm.logpdf', () => {
    const family = logNormal();
    const { means, variances, X, logDensity } = reference.families.logNormal;
    const params = family.paramsFromJSON({ kind: 'log-normal', version: 1, means, variances });
    expectAllClose(logDensities(family, params, matrix(X)), logDensity, 12);
  });

  it('estimates the weighted mean and variance of log x, plus regVariance', () => {
    const family = logNormal({ regVariance: 0.01 });
    const X = matrix([[1], [Math.E], [Math.E ** 3]]);
    const params = estimateFrom<LogNormalParams>(family, X, [2, 1, 1]);
    // log x = 0, 1, 3 with weights 2, 1, 1: mean 1, variance (2·1 + 0 + 4) / 4 = 1.5.
    expect(params.means[0]).toBeCloseTo(1, 14);
    expect(params.variances[0]).toBeCloseTo(1.51, 14);
  });

  it('stays accurate for data far from 1 (log x ≈ 690 ± 1e-3)', () => {
    const family = logNormal({ regVariance: 0 });
    const base = 690;
    const rows = [-1, 1, -1, 1].map((sign) => [Math.exp(base + sign * 1e-3)]);
    const params = estimateFrom<LogNormalParams>(family, matrix(rows));
    expect(params.variances[0] / 1e-6 - 1).toBeLessThan(1e-6);
  });

  it('a constant column gets variance regVariance; with regVariance 0 it is no-support', () => {
    const constant = matrix([[3], [3], [3]]);
    expect(estimateFrom<LogNormalParams>(logNormal(), constant).variances[0]).toBe(1e-6);
    const error = thrown(() => estimateFrom(logNormal({ regVariance: 0 }), constant));
    expect(DegenerateComponentError.isInstance(error)).toBe(true);
    expect((error as DegenerateComponentError).reason).toBe('no-support');
  });

  it('a single row gives mean log x and variance regVariance', () => {
    const params = estimateFrom<LogNormalParams>(logNormal(), matrix([[Math.E, 1]]));
    expect(Array.from(params.means)).toEqual([1, 0]);
    expect(Array.from(params.variances)).toEqual([1e-6, 1e-6]);
  });
});
