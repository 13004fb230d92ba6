import { createMatrix, createRandom } from '@mixkit/core';
import { defaultRegistry, extendRegistry } from '@mixkit/distributions';
import { describeComponentFamily } from '@mixkit/distributions/testing';
import { describe, expect, it } from 'vitest';
import { besselRatio, vonMises, vonMisesFactory, vonMisesParams } from '../src/vonMises.js';
import reference from './__fixtures__/von-mises.json' with { type: 'json' };

// The demo's custom family passes the same conformance kit as the shipped ones.
describeComponentFamily('von-mises (custom family of the custom-family demo)', vonMises(), {
  cases: [
    {
      name: 'one column',
      params: { kind: 'von-mises', version: 1, mean: [2.5], concentration: [3] },
      normalization: { method: 'quadrature', bounds: [[-Math.PI, Math.PI]] },
      nParameters: 2,
    },
    {
      name: 'two columns, one nearly uniform',
      params: { kind: 'von-mises', version: 1, mean: [-1, 0.3], concentration: [0.2, 12] },
      normalization: {
        method: 'quadrature',
        bounds: [
          [-Math.PI, Math.PI],
          [-Math.PI, Math.PI],
        ],
      },
      nParameters: 4,
    },
  ],
  registry: extendRegistry(defaultRegistry, { 'von-mises': vonMisesFactory }),
});

describe('von Mises numerics against scipy', () => {
  it('log I0(kappa) and I1/I0 agree with scipy.special across the series/asymptotic switch', () => {
    for (const { kappa, logI0, ratio } of reference.bessel) {
      const got = besselRatio(kappa);
      // scipy's log(i0e(k)) + k loses digits to cancellation for tiny k: absolute 1e-12 there.
      expect(Math.abs(got.logI0 - logI0)).toBeLessThan(1e-12 + 1e-13 * Math.abs(logI0));
      expect(Math.abs(got.ratio - ratio)).toBeLessThan(1e-13);
    }
  });

  it('logDensity agrees with scipy.stats.vonmises.logpdf, periodic in x', () => {
    const family = vonMises();
    for (const { mean, kappa, x, logDensity } of reference.densities) {
      const out = new Float64Array(1);
      family.logDensity(
        vonMisesParams([mean], [kappa]),
        createMatrix(1, 1, Float64Array.of(x)),
        0,
        1,
        out,
        0,
        1,
      );
      expect(out[0]).toBeCloseTo(logDensity, 11);
    }
  });

  it('estimates kappa from a large sample and caps it when all angles coincide', () => {
    const family = vonMises({ maxConcentration: 1e5 });
    const truth = vonMisesParams([3.0], [7]);
    const n = 40_000;
    const X = createMatrix(n, 1, family.sample(truth, n, createRandom(3)));
    const stats = family.accumulate(
      family.createStats(1),
      X,
      0,
      n,
      new Float64Array(n).fill(1),
      0,
      1,
    );
    const fitted = family.estimate(stats);
    expect(Math.abs(fitted.concentration[0] - 7)).toBeLessThan(0.2);
    // 3.0 rad is close to pi: the mean direction must come back across the wrap, not near -pi.
    expect(Math.abs(fitted.mean[0] - 3.0)).toBeLessThan(0.02);
    const same = createMatrix(3, 1, Float64Array.of(1, 1, 1));
    const point = family.estimate(
      family.accumulate(family.createStats(1), same, 0, 3, Float64Array.of(1, 1, 1), 0, 1),
    );
    expect(point.concentration[0]).toBe(1e5);
  });
});
