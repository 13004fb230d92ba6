import { describe, expect, it } from 'vitest';
import reference from '../__fixtures__/bessel.json' with { type: 'json' };
import { besselIRatio } from './besselIRatio.js';
import { logBesselI } from './logBesselI.js';
import { logBesselIScaled } from './logBesselIScaled.js';

const points = reference.points.filter((point) => point.x > 0);

/** |actual − expected| against a bound relative to max(1, |expected|). */
function error(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

describe('logBesselIScaled and logBesselI against mpmath at 60 digits', () => {
  it('the fixture spans the von Mises–Fisher range: orders to 511.5 (p = 1025), x to 1e6', () => {
    expect(Math.max(...points.map((p) => p.order))).toBe(511.5);
    expect(points.some((p) => p.order === 511 && p.x === 1e5)).toBe(true);
    expect(points.length).toBeGreaterThan(400);
  });

  it('log(e^-x I_ν(x)) is within 5e-14 (relative above 1) for x >= 1, 3e-13 absolute below', () => {
    let worstLarge = 0;
    let worstSmall = 0;
    for (const { order, x, logScaled } of points) {
      const e = error(logBesselIScaled(order, x), logScaled as number);
      if (x >= 1) worstLarge = Math.max(worstLarge, e);
      else worstSmall = Math.max(worstSmall, e);
    }
    expect(worstLarge).toBeLessThan(5e-14);
    expect(worstSmall).toBeLessThan(3e-13);
  });

  it('log I_ν(x) = log(e^-x I_ν(x)) + x matches mpmath where I_ν(x) overflows a double', () => {
    for (const { order, x, log } of points) {
      expect(error(logBesselI(order, x), log as number)).toBeLessThan(3e-13);
    }
    // I_0(1e5) ≈ e^99994 overflows; its logarithm does not.
    expect(logBesselI(0, 1e5)).toBeGreaterThan(99_990);
  });

  it('the order-½ closed form: I_½(x) = √(2/(πx)) sinh x', () => {
    for (const x of [0.01, 0.7, 3, 30, 300]) {
      const exact = 0.5 * Math.log(2 / (Math.PI * x)) + Math.log(-Math.expm1(-2 * x) / 2);
      const bound = x < 1 ? 3e-13 : 5e-14 * Math.max(1, Math.abs(exact));
      expect(Math.abs(logBesselIScaled(0.5, x) - exact)).toBeLessThan(bound);
    }
  });

  it('is continuous across the switch to the uniform expansion at order 50', () => {
    for (const x of [0.5, 30, 70, 4000]) {
      const below = logBesselIScaled(50 - 1e-9, x);
      const at = logBesselIScaled(50, x);
      expect(Math.abs(below - at)).toBeLessThan(1e-7 * Math.max(1, Math.abs(at)));
    }
  });

  it('edge values: 0 at ν = x = 0, -Infinity at x = 0 < ν, NaN for negative or NaN input', () => {
    expect(logBesselIScaled(0, 0)).toBe(0);
    expect(logBesselIScaled(3, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(logBesselIScaled(-1, 2)).toBeNaN();
    expect(logBesselIScaled(1, -2)).toBeNaN();
    expect(logBesselIScaled(Number.NaN, 2)).toBeNaN();
    expect(logBesselI(2, Number.NaN)).toBeNaN();
  });
});

describe('besselIRatio against mpmath', () => {
  it('I_{ν+1}(x)/I_ν(x) is within 2e-15 relative over the whole grid', () => {
    let worst = 0;
    for (const { order, x, ratio } of points) {
      worst = Math.max(worst, Math.abs(besselIRatio(order, x) / ratio - 1));
    }
    expect(worst).toBeLessThan(2e-15);
  });

  it('lies in [0, 1), is 0 at x = 0 and increases in x', () => {
    expect(besselIRatio(4, 0)).toBe(0);
    let previous = 0;
    for (const x of [1e-6, 0.1, 1, 10, 100, 1e3, 1e4, 1e5]) {
      const value = besselIRatio(127, x);
      expect(value).toBeGreaterThan(previous);
      expect(value).toBeLessThan(1);
      previous = value;
    }
    expect(besselIRatio(-0.5, 1)).toBeNaN();
  });
});
