import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import reference from './__fixtures__/expNonPositive.json' with { type: 'json' };
import { expNonPositive } from './expNonPositive.js';
import { EXP2_LEAD, EXP2_STEP_HI, EXP2_STEP_LO, EXP2_TRAIL } from './expNonPositiveTable.js';

/** Spacing of doubles at |x| (Python's math.ulp): 2^(e - 52) for normal x, 2^-1074 below. */
function ulp(x: number): number {
  const bits = new Float64Array([x]);
  const exponent = (new Uint32Array(bits.buffer)[1] >>> 20) & 0x7ff;
  return exponent === 0 ? 2 ** -1074 : 2 ** (exponent - 1075);
}

/** Error of `value` from the exact e^x in ulps, using the fixture's residual of the reference. */
function ulpsFromExact(value: number, point: { exp: number; residual: number }): number {
  return Math.abs((value - point.exp) / ulp(point.exp) - point.residual);
}

describe('expNonPositive', () => {
  const { points } = reference;
  const tablePath = points.filter((p) => p.x >= -708);
  const belowTable = points.filter((p) => p.x < -708);

  it('the fixture covers the E-step domain [-50, 0], the table path down to -708 and below it', () => {
    expect(tablePath.filter((p) => p.x >= -50).length).toBeGreaterThan(2000);
    expect(tablePath.length).toBeGreaterThan(3500);
    expect(belowTable.some((p) => p.exp === 0)).toBe(true);
    expect(belowTable.some((p) => p.exp > 0 && p.exp < 2 ** -1022)).toBe(true);
  });

  it('is within 0.52 ulp of the exact e^x (80-digit decimal reference) on [-708, 0]', () => {
    let worst = 0;
    for (const p of tablePath) worst = Math.max(worst, ulpsFromExact(expNonPositive(p.x), p));
    expect(worst).toBeLessThanOrEqual(0.52);
  });

  it('rounds correctly for nearly every argument (fewer than 1% of the references differ)', () => {
    const wrong = tablePath.filter((p) => expNonPositive(p.x) !== p.exp).length;
    expect(wrong).toBeLessThan(tablePath.length / 100);
  });

  it('below -708 (gradual underflow and past it) is as accurate as Math.exp: within 1 ulp, 0 at the end', () => {
    for (const p of belowTable) {
      const value = expNonPositive(p.x);
      if (p.exp === 0) expect(value).toBe(0);
      else expect(ulpsFromExact(value, p)).toBeLessThanOrEqual(1);
    }
  });

  it('special values: exp(0) = exp(-0) = 1 exactly, exp(-Infinity) = 0, exp(NaN) = NaN', () => {
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-0)).toBe(1);
    expect(expNonPositive(-Number.MIN_VALUE)).toBe(1);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(expNonPositive(-Number.MAX_VALUE)).toBe(0);
    expect(expNonPositive(Number.NaN)).toBeNaN();
  });

  it('outside its domain (x > 0) it is still exp: it defers to Math.exp', () => {
    for (const x of [Number.MIN_VALUE, 1e-10, 0.5, 1, 50, 709, 710, Number.POSITIVE_INFINITY]) {
      expect(expNonPositive(x)).toBe(Math.exp(x));
    }
  });

  it('property: agrees with Math.exp to 2 ulp on [-708, 0]', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 0, noNaN: true }), (x) => {
        const expected = Math.exp(x);
        return Math.abs(expNonPositive(x) - expected) <= 2 * ulp(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('the table holds 2^(-i/128) as lead + trail, and HI + LO splits ln2/128 with an exact HI', () => {
    for (let i = 0; i < 128; i++) {
      expect(Math.abs(EXP2_LEAD[i] - 2 ** (-i / 128))).toBeLessThanOrEqual(ulp(EXP2_LEAD[i]));
      expect(Math.abs(EXP2_TRAIL[i])).toBeLessThanOrEqual(ulp(EXP2_LEAD[i]) / 2);
    }
    // lead[i] · lead[128 - i] = 2^-1 to within the rounding of the two factors and the product.
    for (let i = 1; i < 128; i++) {
      expect(Math.abs(EXP2_LEAD[i] * EXP2_LEAD[128 - i] - 0.5)).toBeLessThanOrEqual(2 * ulp(0.5));
    }
    expect(EXP2_STEP_HI + EXP2_STEP_LO).toBe(Math.LN2 / 128);
    expect(new Uint32Array(Float64Array.of(EXP2_STEP_HI).buffer)[0]).toBe(0);
    expect(Math.abs(EXP2_STEP_LO)).toBeLessThan(EXP2_STEP_HI * 2 ** -20);
  });
});
