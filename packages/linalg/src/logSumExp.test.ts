import { InvalidInputError } from '@mixkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argmaxRows } from './argmaxRows.js';
import { logSumExpRows } from './logSumExp.js';
import { normalizeLogRows } from './normalizeLogRows.js';

const NEG = Number.NEGATIVE_INFINITY;
const POS = Number.POSITIVE_INFINITY;

describe('logSumExpRows', () => {
  it('matches the closed form log Σ exp for moderate values', () => {
    const A = Float64Array.of(0, Math.log(2), Math.log(3), 1, 1, 1);
    const out = logSumExpRows(2, 3, A);
    expect(out[0]).toBeCloseTo(Math.log(6), 15);
    expect(out[1]).toBeCloseTo(1 + Math.log(3), 15);
  });

  it('does not overflow or underflow for entries near ±1000', () => {
    const out = logSumExpRows(2, 2, Float64Array.of(1000, 1000, -1000, -1000));
    expect(out[0]).toBeCloseTo(1000 + Math.LN2, 12);
    expect(out[1]).toBeCloseTo(-1000 + Math.LN2, 12);
  });

  it('ignores −Infinity entries, gives −Infinity for an all −Infinity row and +Infinity with +Infinity', () => {
    const out = logSumExpRows(4, 2, Float64Array.of(NEG, 0, NEG, NEG, POS, 1, NEG, POS));
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(NEG);
    expect(out[2]).toBe(POS);
    expect(out[3]).toBe(POS);
  });

  it('gives −Infinity (the empty sum) for k = 0, NaN for a row with NaN, and handles n = 0', () => {
    expect(Array.from(logSumExpRows(2, 0, new Float64Array(0)))).toEqual([NEG, NEG]);
    expect(logSumExpRows(1, 3, Float64Array.of(POS, Number.NaN, 0))[0]).toBeNaN();
    expect(logSumExpRows(0, 3, new Float64Array(0)).length).toBe(0);
  });

  it('property: shift invariance lse(a + c) = lse(a) + c', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -700, max: 700, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (values, c) => {
          const a = Float64Array.from(values);
          const shifted = a.map((v) => v + c);
          const k = a.length;
          const lse = logSumExpRows(1, k, a)[0];
          const lseShifted = logSumExpRows(1, k, shifted)[0];
          expect(Math.abs(lseShifted - (lse + c))).toBeLessThan(
            1e-12 * (1 + Math.abs(lse) + Math.abs(c)),
          );
          // And the bounds max ≤ lse ≤ max + log k.
          const max = Math.max(...values);
          expect(lse).toBeGreaterThanOrEqual(max);
          expect(lse).toBeLessThanOrEqual(max + Math.log(k) + 1e-12 * (1 + Math.abs(max)));
        },
      ),
    );
  });

  it('throws InvalidInputError when A is shorter than n x k', () => {
    expect(() => logSumExpRows(2, 3, new Float64Array(5))).toThrow(InvalidInputError);
    expect(() => logSumExpRows(2, 3, new Float64Array(6), new Float64Array(1))).toThrow(/out/);
  });
});

describe('normalizeLogRows', () => {
  it('turns log-weights into probabilities in place and reports the normalizers', () => {
    const A = Float64Array.of(Math.log(1), Math.log(3), -5, -5);
    const lse = new Float64Array(2);
    expect(normalizeLogRows(2, 2, A, lse)).toBe(A);
    expect(A[0]).toBeCloseTo(0.25, 15);
    expect(A[1]).toBeCloseTo(0.75, 15);
    expect(A[2]).toBeCloseTo(0.5, 15);
    expect(lse[0]).toBeCloseTo(Math.log(4), 15);
    expect(lse[1]).toBeCloseTo(-5 + Math.LN2, 14);
  });

  it('makes an all −Infinity row all zeros with lse −Infinity (the caller reports it)', () => {
    const A = Float64Array.of(NEG, NEG, NEG, 0, NEG, NEG);
    const lse = new Float64Array(2);
    normalizeLogRows(2, 3, A, lse);
    expect(Array.from(A)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(Array.from(lse)).toEqual([NEG, 0]);
  });

  it('shares the mass among +Infinity entries', () => {
    const A = Float64Array.of(POS, 3, POS, NEG);
    normalizeLogRows(1, 4, A);
    expect(Array.from(A)).toEqual([0.5, 0, 0.5, 0]);
  });

  it('property: rows sum to 1 and never contain NaN for finite input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (values) => {
          const A = Float64Array.from(values);
          normalizeLogRows(1, A.length, A);
          let s = 0;
          for (const v of A) {
            expect(v).toBeGreaterThanOrEqual(0);
            s += v;
          }
          // exp(a − lse) inherits lse's rounding, about eps·|lse| relative (Blanchard et al. 2021).
          const scale = Math.max(1, ...values.map(Math.abs));
          expect(Math.abs(s - 1)).toBeLessThan(4 * Number.EPSILON * (A.length + scale));
        },
      ),
    );
  });
});

describe('argmaxRows', () => {
  it('returns the first index of the row maximum', () => {
    const A = Float64Array.of(1, 3, 3, NEG, NEG, NEG, 5, 2, 1);
    expect(Array.from(argmaxRows(3, 3, A))).toEqual([1, 0, 0]);
  });

  it('writes into a supplied Int32Array and rejects k = 0 with rows', () => {
    const out = new Int32Array(2).fill(-1);
    expect(argmaxRows(2, 1, Float64Array.of(4, 5), out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 0]);
    expect(() => argmaxRows(1, 0, new Float64Array(0))).toThrow(InvalidInputError);
    expect(argmaxRows(0, 0, new Float64Array(0)).length).toBe(0);
  });
});
