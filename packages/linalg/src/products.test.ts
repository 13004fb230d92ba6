import { InvalidInputError } from '@mixkit/core';
import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { flat, ml, randomMatrix, relativeError, seeded } from '../test/helpers.js';
import { multiply } from './multiply.js';
import { multiplyTransposed } from './multiplyTransposed.js';
import { weightedGram } from './weightedGram.js';

const SHAPES: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1, 1],
  [2, 3, 4],
  [5, 7, 3],
  [13, 64, 9],
  [64, 70, 300],
  [0, 3, 2],
  [3, 0, 2],
];

describe('multiply', () => {
  it.each(SHAPES)('equals ml-matrix mmul for %i x %i times %i columns', (n, m, p) => {
    const A = randomMatrix(seeded(n + m), n, m);
    const B = randomMatrix(seeded(p), m, p);
    const C = multiply(A, B);
    expect(C.rows).toBe(n);
    expect(C.cols).toBe(p);
    if (n > 0 && m > 0 && p > 0) {
      expect(relativeError(C.data, flat(ml(n, m, A.data).mmul(ml(m, p, B.data))))).toBeLessThan(
        1e-13,
      );
    } else {
      expect(Array.from(C.data).every((v) => v === 0)).toBe(true);
    }
  });

  it('overwrites a supplied output and rejects aliasing or a wrong shape', () => {
    const A = randomMatrix(seeded(1), 3, 3);
    const out = { rows: 3, cols: 3, data: new Float64Array(9).fill(7) };
    expect(multiply(A, A, out)).toBe(out);
    expect(relativeError(out.data, multiply(A, A).data)).toBe(0);
    expect(() => multiply(A, A, A)).toThrow(InvalidInputError);
    // Distinct slices of one arena are fine; overlapping ones are not.
    const arena = new Float64Array(18);
    const left = { rows: 3, cols: 3, data: arena.subarray(0, 9) };
    left.data.set(A.data);
    const right = { rows: 3, cols: 3, data: arena.subarray(9, 18) };
    expect(relativeError(multiply(left, left, right).data, multiply(A, A).data)).toBe(0);
    const overlapping = { rows: 3, cols: 3, data: arena.subarray(8, 17) };
    expect(() => multiply(left, A, overlapping)).toThrow(/share memory/);
    expect(() => multiply(A, A, { rows: 3, cols: 2, data: new Float64Array(6) })).toThrow(/shape/);
    expect(() => multiply(A, randomMatrix(seeded(2), 2, 3))).toThrow(/B/);
  });
});

describe('multiplyTransposed', () => {
  it.each(SHAPES)('equals A·Bᵀ from ml-matrix for %i x %i and %i rows of B', (n, d, p) => {
    const A = randomMatrix(seeded(n * 3 + d), n, d);
    const B = randomMatrix(seeded(p * 5), p, d);
    const C = multiplyTransposed(A, B);
    expect(C.rows).toBe(n);
    expect(C.cols).toBe(p);
    if (n > 0 && d > 0 && p > 0) {
      const reference = ml(n, d, A.data).mmul(ml(p, d, B.data).transpose());
      expect(relativeError(C.data, flat(reference))).toBeLessThan(1e-13);
    }
  });

  it('crosses the cache-block boundary (many rows of B, d = 3)', () => {
    const A = randomMatrix(seeded(3), 5, 3);
    const B = randomMatrix(seeded(4), 3001, 3);
    const reference = ml(5, 3, A.data).mmul(ml(3001, 3, B.data).transpose());
    expect(relativeError(multiplyTransposed(A, B).data, flat(reference))).toBeLessThan(1e-13);
  });
});

describe('weightedGram', () => {
  it.each([
    [1, 1],
    [5, 3],
    [37, 8],
    [100, 33],
  ])('equals Aᵀ·diag(w)·A from ml-matrix (%i x %i), exactly symmetric', (n, d) => {
    const random = seeded(n + d);
    const A = randomMatrix(random, n, d);
    const w = Float64Array.from({ length: n }, () =>
      random.uniform() < 0.3 ? 0 : random.uniform(),
    );
    const G = weightedGram(A, w);
    const W = MlMatrix.diag(Array.from(w));
    const reference = ml(n, d, A.data)
      .transpose()
      .mmul(W)
      .mmul(ml(n, d, A.data));
    expect(relativeError(G.data, flat(reference))).toBeLessThan(1e-13);
    for (let u = 0; u < d; u++)
      for (let v = 0; v < u; v++) expect(G.data[u * d + v]).toBe(G.data[v * d + u]);
  });

  it('with null weights equals AᵀA, and with no rows is zero', () => {
    const A = randomMatrix(seeded(9), 6, 4);
    expect(
      relativeError(weightedGram(A, null).data, weightedGram(A, new Float64Array(6).fill(1)).data),
    ).toBe(0);
    expect(
      Array.from(weightedGram({ rows: 0, cols: 2, data: new Float64Array(0) }, null).data),
    ).toEqual([0, 0, 0, 0]);
    expect(() => weightedGram(A, new Float64Array(5))).toThrow(/weights/);
  });
});
