import { createRandom } from '@mixkit/core';
import { defaultRegistry, exponential, extendRegistry } from '@mixkit/distributions';
import { describeComponentFamily } from '@mixkit/distributions/testing';
import { describe, expect, it } from 'vitest';
import { estimateFrom, logDensities, matrix } from '../helpers.js';
import { type WeibullParams, weibull, weibullFactory } from './weibull.js';

// The conformance kit: one call runs every contract check against the family.
describeComponentFamily('weibull (contributed example)', weibull({ shape: 1.8 }), {
  cases: [
    {
      name: 'one column',
      params: { kind: 'weibull', version: 1, shape: 1.8, scales: [2] },
      normalization: { method: 'quadrature', bounds: [[0, 20]] },
      nParameters: 1,
      invalidEntries: [
        { column: 0, value: 0 },
        { column: 0, value: -3 },
      ],
    },
    {
      name: 'two columns',
      params: { kind: 'weibull', version: 1, shape: 1.8, scales: [0.5, 4] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [0, 5],
          [0, 30],
        ],
      },
      nParameters: 2,
    },
  ],
  // spec() round trip needs a registry that knows the new kind.
  registry: extendRegistry(defaultRegistry, { weibull: weibullFactory }),
});

// Family-specific checks: a closed form and the estimator.
describe('weibull', () => {
  it('with shape 1 it is the exponential distribution with rate 1/λ', () => {
    const X = matrix([[0.3], [1], [4.5]]);
    const w = weibull({ shape: 1 });
    const e = exponential();
    const wp = w.paramsFromJSON({ kind: 'weibull', version: 1, shape: 1, scales: [2] });
    const ep = e.paramsFromJSON({ kind: 'exponential', version: 1, rates: [0.5] });
    const expected = logDensities(e, ep, X);
    logDensities(w, wp, X).forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i], 14);
    });
  });

  it('recovers λ = (Σw·x^k / Σw)^(1/k) from a large sample', () => {
    const family = weibull({ shape: 3 });
    const truth = family.paramsFromJSON({ kind: 'weibull', version: 1, shape: 3, scales: [7] });
    const X = { rows: 50_000, cols: 1, data: family.sample(truth, 50_000, createRandom(9)) };
    const fitted = estimateFrom<WeibullParams>(family, X);
    expect(Math.abs(fitted.scales[0] / 7 - 1)).toBeLessThan(0.01);
  });
});
