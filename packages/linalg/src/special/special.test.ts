import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from '../__fixtures__/special.json' with { type: 'json' };
import { digamma } from './digamma.js';
import { logFactorial } from './logFactorial.js';
import { logGamma } from './logGamma.js';
import { trigamma } from './trigamma.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

describe('special functions agree with scipy.special (tooling/scripts/fixtures/linalg_special.py)', () => {
  const { logGamma: lg, digamma: dg, trigamma: tg, logFactorial: lf } = reference;
  it('logGamma matches gammaln to 1e-14 (relative, or absolute near its zeros), both sides of 0', () => {
    for (const [i, x] of lg.x.entries()) expectRelative(logGamma(x), lg.y[i], 1e-14);
  });
  it('logFactorial matches gammaln(n + 1) to 1e-14, through the table and beyond it', () => {
    for (const [i, n] of lf.n.entries()) expectRelative(logFactorial(n), lf.y[i], 1e-14);
  });
  it('digamma matches scipy.special.digamma to 1e-13', () => {
    for (const [i, x] of dg.x.entries()) expectRelative(digamma(x), dg.y[i], 1e-13);
  });
  it('trigamma matches polygamma(1, x) to 1e-13', () => {
    for (const [i, x] of tg.x.entries()) expectRelative(trigamma(x), tg.y[i], 1e-13);
  });
});

describe('logGamma', () => {
  it('is exact at the closed forms: log Γ(1) = log Γ(2) = 0, log Γ(1/2) = ½ log π', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
  it('satisfies the recurrence log Γ(x + 1) = log Γ(x) + log x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e5, noNaN: true }), (x) => {
        expectRelative(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-12);
      }),
    );
  });
  it('is +Infinity at the poles and NaN only for NaN', () => {
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(Number.NaN)).toBeNaN();
  });
});

describe('logFactorial', () => {
  it('is the correctly rounded log of the exact product for n <= 20', () => {
    let product = 1;
    for (let n = 0; n <= 20; n++) {
      if (n > 0) product *= n;
      expect(logFactorial(n)).toBe(Math.log(product));
    }
  });
  it('is continuous across the lookup table edge (1023 → 1024)', () => {
    expectRelative(logFactorial(1024) - logFactorial(1023), Math.log(1024), 1e-11);
  });
});

describe('digamma and trigamma', () => {
  it('satisfy ψ(x + 1) = ψ(x) + 1/x and ψ′(x + 1) = ψ′(x) − 1/x²', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1e4, noNaN: true }), (x) => {
        expectRelative(digamma(x + 1), digamma(x) + 1 / x, 1e-12);
        expectRelative(trigamma(x + 1), trigamma(x) - 1 / (x * x), 1e-12);
      }),
    );
  });
});
