import {
  createMatrix,
  createRandom,
  DegenerateComponentError,
  InvalidInputError,
} from '@mixkit/core';
import { besselIRatio } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import reference from '../../src/__fixtures__/von-mises-fisher.json' with { type: 'json' };
import {
  type VonMisesFisherParams,
  vonMisesFisher,
  vonMisesFisherConcentration,
  vonMisesFisherParams,
} from '../../src/index.js';
import { describeComponentFamily } from '../../src/testing/index.js';
import { estimateFrom, logDensities, thrown } from '../helpers.js';

/** A unit vector along `direction` (normalised). */
function unit(direction: readonly number[]): number[] {
  const norm = Math.hypot(...direction);
  return direction.map((value) => value / norm);
}

describeComponentFamily('vonMisesFisher', vonMisesFisher(), {
  cases: [
    {
      name: 'circle (p = 2)',
      params: { kind: 'von-mises-fisher', version: 1, mean: unit([0.6, -0.8]), concentration: 3 },
      normalization: { method: 'sphere' },
      nParameters: 2,
      invalidEntries: [
        { column: 0, value: 2 },
        { column: 1, value: -1.5 },
      ],
    },
    {
      name: 'sphere (p = 3), concentrated',
      params: {
        kind: 'von-mises-fisher',
        version: 1,
        mean: unit([1, 2, -2]),
        concentration: 40,
      },
      normalization: { method: 'sphere' },
      nParameters: 3,
      invalidEntries: [{ column: 2, value: 1.2 }],
    },
    {
      name: 'p = 6, uniform points of the sphere',
      params: {
        kind: 'von-mises-fisher',
        version: 1,
        mean: unit([1, -1, 0.5, 0, 2, 1]),
        concentration: 2.5,
      },
      normalization: { method: 'sphere' },
      nParameters: 6,
    },
  ],
});

/** The row t·μ + √(1 − t²)·v for a unit v ⟂ μ = e₁ (v = e₂): its dot product with μ is t. */
function rowAt(p: number, t: number): Float64Array {
  const row = new Float64Array(p);
  row[0] = t;
  row[1] = Math.sqrt(1 - t * t);
  return row;
}

describe('von Mises–Fisher against mpmath', () => {
  it('log-densities match log C_p(κ) + κ·μᵀx for p = 2..1024 and κ = 0..1e5', () => {
    const family = vonMisesFisher();
    let worst = 0;
    for (const { p, kappa, t, logDensity } of reference.densities) {
      const mean = new Float64Array(p);
      mean[0] = 1;
      const params = vonMisesFisherParams(mean, kappa);
      const [value] = logDensities(family, params, createMatrix(1, p, rowAt(p, t)));
      // The terms are as large as κ: the bound is relative to max(1, κ, |log f|).
      const error = Math.abs(value - logDensity) / Math.max(1, kappa, Math.abs(logDensity));
      worst = Math.max(worst, error);
    }
    expect(reference.densities.length).toBeGreaterThan(300);
    expect(worst).toBeLessThan(3e-13);
  });

  it('the p = 3 closed form: C₃(κ) = κ / (4π sinh κ)', () => {
    const family = vonMisesFisher();
    for (const kappa of [1e-3, 0.7, 12, 300, 1e5]) {
      const params = vonMisesFisherParams([0, 0, 1], kappa);
      const x = createMatrix(1, 3, Float64Array.of(0.6, 0, 0.8));
      const logSinh = kappa + Math.log1p(-Math.exp(-2 * kappa)) - Math.LN2;
      const exact = Math.log(kappa / (4 * Math.PI)) - logSinh + kappa * 0.8;
      expect(Math.abs(logDensities(family, params, x)[0] - exact)).toBeLessThan(
        1e-13 * Math.max(1, kappa),
      );
    }
  });

  it('κ from the mean resultant length matches the root of A_p(κ) = r̄ to 1e-10', () => {
    for (const { p, meanResultantLength, concentration } of reference.concentrations) {
      const estimate = vonMisesFisherConcentration(p, meanResultantLength, 1e9);
      expect(Math.abs(estimate / concentration - 1)).toBeLessThan(1e-10);
    }
  });
});

describe('von Mises–Fisher estimation and sampling', () => {
  for (const [p, kappa] of [
    [3, 8],
    [128, 200],
    [768, 1500],
  ] as const) {
    it(`recovers μ and κ from 4000 draws in p = ${p} (κ = ${kappa})`, () => {
      const family = vonMisesFisher();
      const random = createRandom(p);
      const mean = new Float64Array(p);
      for (let j = 0; j < p; j++) mean[j] = random.normal();
      const truth = vonMisesFisherParams(unit(Array.from(mean)), kappa);
      const n = 4000;
      const X = createMatrix(n, p, family.sample(truth, n, random));
      family.validate(X);
      const fitted = estimateFrom<VonMisesFisherParams>(family, X);
      let cosine = 0;
      for (let j = 0; j < p; j++) cosine += fitted.mean[j] * truth.mean[j];
      // The direction's error is about √((p − 1)/(n κ A_p(κ))) radians.
      expect(1 - cosine).toBeLessThan(((p - 1) / (n * kappa)) * 2);
      expect(Math.abs(fitted.concentration / kappa - 1)).toBeLessThan(0.05);
    });
  }

  it('draws have mean resultant length A_p(κ), also at κ = 1e5 in p = 1024', () => {
    const family = vonMisesFisher();
    for (const [p, kappa] of [
      [2, 0.5],
      [3, 50],
      [128, 10],
      [1024, 1e5],
    ] as const) {
      const mean = new Float64Array(p);
      mean[p - 1] = 1;
      const n = 3000;
      const draws = family.sample(vonMisesFisherParams(mean, kappa), n, createRandom(7));
      let sum = 0;
      for (let i = 0; i < n; i++) sum += draws[i * p + p - 1];
      const expected = besselIRatio(p / 2 - 1, kappa);
      // Var(μᵀx) ≤ 1 − A², so the mean of n draws is within a few √((1 − A²)/n).
      const spread = Math.sqrt((1 - expected * expected) / n);
      expect(Math.abs(sum / n - expected)).toBeLessThan(5 * spread + 1e-12);
    }
  });

  it('caps κ when every row coincides and rejects statistics that sum to zero', () => {
    const family = vonMisesFisher({ maxConcentration: 1e4 });
    const X = createMatrix(3, 2, Float64Array.of(1, 0, 1, 0, 1, 0));
    expect(estimateFrom<VonMisesFisherParams>(family, X).concentration).toBe(1e4);
    const opposite = createMatrix(2, 2, Float64Array.of(1, 0, -1, 0));
    const error = thrown(() => estimateFrom(family, opposite));
    expect(DegenerateComponentError.isInstance(error) && error.reason).toBe('no-support');
  });

  it('validate rejects rows off the unit sphere at their row; logDensity gives -Infinity', () => {
    const family = vonMisesFisher();
    const X = createMatrix(2, 3, Float64Array.of(0, 0, 1, 0.5, 0.5, 0.5));
    const error = thrown(() => family.validate(X));
    expect(InvalidInputError.isInstance(error) && error.row).toBe(1);
    const params = vonMisesFisherParams([0, 0, 1], 4);
    expect(logDensities(family, params, X)[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(
      InvalidInputError.isInstance(
        thrown(() => family.validate(createMatrix(1, 1, Float64Array.of(1)))),
      ),
    ).toBe(true);
  });
});
