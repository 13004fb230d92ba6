import { InvalidInputError } from '@mixkit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomMatrix, SIZES, seeded } from '../test/helpers.js';
import { rowSquaredNorms, squaredDistance, squaredDistances } from './squaredDistances.js';

describe('squaredDistances', () => {
  it.each(SIZES)('agrees with the difference form for every pair (d = %i, odd counts)', (d) => {
    const random = seeded(d);
    const X = randomMatrix(random, 13, d);
    const C = randomMatrix(random, 7, d);
    const D = squaredDistances(X, 2, 13, C);
    for (let i = 2; i < 13; i++) {
      for (let j = 0; j < 7; j++) {
        const exact = squaredDistance(X.data, i * d, C.data, j * d, d);
        expect(Math.abs(D[(i - 2) * 7 + j] - exact)).toBeLessThan(1e-12 * (1 + exact));
      }
    }
  });

  it('agrees with the difference form across cache-block boundaries (many rows and centres)', () => {
    const d = 3;
    const X = randomMatrix(seeded(11), 2731 * 2 + 1, d);
    const C = randomMatrix(seeded(12), 2731, d);
    const D = squaredDistances(X, 1, X.rows, C);
    const k = C.rows;
    for (let i = 1; i < X.rows; i += 97) {
      for (let j = 0; j < k; j += 13) {
        const exact = squaredDistance(X.data, i * d, C.data, j * d, d);
        expect(Math.abs(D[(i - 1) * k + j] - exact)).toBeLessThan(1e-12 * (1 + exact));
      }
      const last = squaredDistance(X.data, i * d, C.data, (k - 1) * d, d);
      expect(Math.abs(D[(i - 1) * k + k - 1] - last)).toBeLessThan(1e-12 * (1 + last));
    }
  });

  it('uses precomputed norms indexed by absolute row', () => {
    const X = randomMatrix(seeded(1), 9, 4);
    const C = randomMatrix(seeded(2), 6, 4);
    const expected = squaredDistances(X, 3, 8, C);
    const withNorms = squaredDistances(
      X,
      3,
      8,
      C,
      new Float64Array(30),
      rowSquaredNorms(X),
      rowSquaredNorms(C),
    );
    expect(Array.from(withNorms.subarray(0, 30))).toEqual(Array.from(expected));
  });

  it('is never negative, even for identical rows far from the origin', () => {
    const d = 8;
    const X = randomMatrix(seeded(3), 50, d, 1e-3, 1e4);
    const D = squaredDistances(X, 0, 50, X);
    for (const v of D) expect(v).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 50; i++) expect(D[i * 50 + i]).toBeLessThan(1e-6);
  });

  it('property: symmetric between a set and itself and non-negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer(),
        (d, n, seed) => {
          const X = randomMatrix(seeded(seed), n, d, 10, 3);
          const D = squaredDistances(X, 0, n, X);
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              expect(D[i * n + j]).toBeGreaterThanOrEqual(0);
              expect(Math.abs(D[i * n + j] - D[j * n + i])).toBeLessThanOrEqual(
                1e-12 * (1 + D[i * n + j]),
              );
            }
          }
        },
      ),
    );
  });

  it('handles 0 rows, 0 centres and d = 1', () => {
    const X = { rows: 3, cols: 1, data: Float64Array.of(0, 1, 3) };
    expect(squaredDistances(X, 1, 1, X).length).toBe(0);
    expect(squaredDistances(X, 0, 3, { rows: 0, cols: 1, data: new Float64Array(0) }).length).toBe(
      0,
    );
    expect(
      Array.from(squaredDistances(X, 0, 3, { rows: 2, cols: 1, data: Float64Array.of(1, 2) })),
    ).toEqual([1, 4, 0, 1, 4, 1]);
  });

  it('keeps NaN visible instead of clamping it to 0', () => {
    const X = { rows: 1, cols: 2, data: Float64Array.of(Number.NaN, 0) };
    expect(squaredDistances(X, 0, 1, X)[0]).toBeNaN();
  });

  it('throws InvalidInputError for mismatched columns or short buffers', () => {
    const X = randomMatrix(seeded(4), 4, 3);
    expect(() => squaredDistances(X, 0, 4, randomMatrix(seeded(5), 2, 2))).toThrow(
      InvalidInputError,
    );
    expect(() => squaredDistances(X, 0, 4, X, new Float64Array(15))).toThrow(/out/);
    expect(() => squaredDistances(X, 0, 4, X, undefined, new Float64Array(3))).toThrow(/xNorms/);
    expect(() => squaredDistances(X, 0, 4, X, undefined, undefined, new Float64Array(3))).toThrow(
      /cNorms/,
    );
  });
});

describe('rowSquaredNorms and squaredDistance', () => {
  it('match closed forms', () => {
    const X = { rows: 2, cols: 2, data: Float64Array.of(3, 4, -1, 2) };
    expect(Array.from(rowSquaredNorms(X))).toEqual([25, 5]);
    expect(squaredDistance(X.data, 0, X.data, 2, 2)).toBe(20);
    expect(squaredDistance(X.data, 0, X.data, 0, 2)).toBe(0);
  });
});
