import { InvalidInputError } from '@mixkit/core';
import fc from 'fast-check';
import { CholeskyDecomposition, LuDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { flat, ml, randomSpd, relativeError, SIZES, seeded } from '../test/helpers.js';
import { cholesky } from './cholesky.js';
import { invertLowerTriangular } from './invertLowerTriangular.js';
import { logDetCholesky } from './logDetCholesky.js';
import { inverseFromCholesky, solveCholesky } from './solveCholesky.js';

function lowerTimesTranspose(d: number, L: Float64Array): Float64Array {
  const A = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += L[i * d + k] * L[j * d + k];
      A[i * d + j] = s;
    }
  }
  return A;
}

function factor(d: number, a: Float64Array, jitter = 0): Float64Array {
  const result = cholesky(d, a, undefined, jitter);
  if (!result.ok) throw new Error(`not SPD at column ${result.column}`);
  return result.factor;
}

describe('cholesky', () => {
  it.each(SIZES)('matches ml-matrix CholeskyDecomposition on a random SPD d = %i matrix', (d) => {
    const a = randomSpd(seeded(d), d, 100);
    const reference = flat(new CholeskyDecomposition(ml(d, d, a)).lowerTriangularMatrix);
    expect(relativeError(factor(d, a), reference)).toBeLessThan(1e-12);
  });

  it.each(SIZES.flatMap((d) => [1e6, 1e12].map((condition) => [d, condition] as const)))(
    'reconstructs an ill-conditioned SPD matrix (d = %i, condition %d) to working accuracy',
    (d, condition) => {
      const a = randomSpd(seeded(7 + d), d, condition);
      const L = factor(d, a);
      // Backward stability: ||L·Lᵀ − A|| ≤ c·d·eps·||A|| (Higham, Accuracy and Stability, Thm 10.3).
      expect(relativeError(lowerTimesTranspose(d, L), a)).toBeLessThan(1e-13);
    },
  );

  it('writes zeros above the diagonal and reads only the lower triangle', () => {
    const d = 5;
    const a = randomSpd(seeded(3), d);
    const garbage = a.slice();
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) garbage[i * d + j] = 1e300;
    const L = factor(d, garbage);
    expect(Array.from(L)).toEqual(Array.from(factor(d, a)));
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(L[i * d + j]).toBe(0);
  });

  it('factorises in place when out is a', () => {
    const d = 9;
    const a = randomSpd(seeded(4), d);
    const expected = factor(d, a);
    const result = cholesky(d, a, a);
    expect(result.ok && result.factor).toBe(a);
    expect(Array.from(a)).toEqual(Array.from(expected));
  });

  it('adds jitter to the diagonal before factorising', () => {
    const d = 4;
    const a = randomSpd(seeded(5), d);
    const shifted = a.slice();
    for (let i = 0; i < d; i++) shifted[i * d + i] += 0.25;
    expect(Array.from(factor(d, a, 0.25))).toEqual(Array.from(factor(d, shifted)));
  });

  it('rescues a singular PSD matrix with jitter', () => {
    // Rank-1: [1 1; 1 1].
    const a = Float64Array.of(1, 1, 1, 1);
    expect(cholesky(2, a).ok).toBe(false);
    const L = factor(2, a, 1e-6);
    expect(
      relativeError(lowerTimesTranspose(2, L), Float64Array.of(1 + 1e-6, 1, 1, 1 + 1e-6)),
    ).toBeLessThan(1e-14);
  });

  it('reports the first non-positive pivot of an indefinite matrix', () => {
    // [[4, 2, 0], [2, 1, 0], [0, 0, 1]]: the second pivot is 1 − 2²/4 = 0.
    const result = cholesky(3, Float64Array.of(4, 2, 0, 2, 1, 0, 0, 0, 1));
    expect(result).toEqual({ ok: false, column: 1, pivot: 0 });
  });

  it('reports a negative diagonal at column 0', () => {
    expect(cholesky(2, Float64Array.of(-1, 0, 0, 1))).toEqual({ ok: false, column: 0, pivot: -1 });
  });

  it('reports a NaN pivot instead of returning a NaN factor', () => {
    const result = cholesky(3, Float64Array.of(1, 0, 0, Number.NaN, 1, 0, 0, 0, 1));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.column).toBe(1);
      expect(result.pivot).toBeNaN();
    }
    expect(cholesky(1, Float64Array.of(Number.NaN)).ok).toBe(false);
  });

  it('reports an infinite diagonal', () => {
    expect(cholesky(2, Float64Array.of(Number.POSITIVE_INFINITY, 0, 0, 1))).toEqual({
      ok: false,
      column: 0,
      pivot: Number.POSITIVE_INFINITY,
    });
  });

  it('factorises the 0 x 0 matrix', () => {
    const result = cholesky(0, new Float64Array(0));
    expect(result.ok).toBe(true);
  });

  it('throws InvalidInputError for a wrong length, bad d or bad jitter', () => {
    expect(() => cholesky(3, new Float64Array(8))).toThrow(InvalidInputError);
    expect(() => cholesky(-1, new Float64Array(0))).toThrow(InvalidInputError);
    expect(() => cholesky(1, Float64Array.of(1), undefined, -1)).toThrow(/jitter/);
    expect(() => cholesky(1, Float64Array.of(1), undefined, Number.NaN)).toThrow(/jitter/);
    expect(() => cholesky(2, Float64Array.of(1, 0, 0, 1), new Float64Array(3))).toThrow(/out/);
  });

  it('property: L·Lᵀ = A for A = B·Bᵀ + I', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((d) =>
          fc.tuple(
            fc.constant(d),
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
              minLength: d * d,
              maxLength: d * d,
            }),
          ),
        ),
        ([d, b]) => {
          const a = new Float64Array(d * d);
          for (let i = 0; i < d; i++) {
            for (let j = 0; j < d; j++) {
              let s = i === j ? 1 : 0;
              for (let k = 0; k < d; k++) s += b[i * d + k] * b[j * d + k];
              a[i * d + j] = s;
            }
          }
          const L = factor(d, a);
          return relativeError(lowerTimesTranspose(d, L), a) < 1e-12;
        },
      ),
    );
  });
});

describe('logDetCholesky', () => {
  it.each(SIZES)('equals log det from ml-matrix LU for a random SPD d = %i matrix', (d) => {
    const a = randomSpd(seeded(100 + d), d, 50);
    const reference = Math.log(new LuDecomposition(ml(d, d, a)).determinant);
    expect(logDetCholesky(d, factor(d, a))).toBeCloseTo(reference, 9);
  });

  it('equals the closed form for a diagonal matrix and 0 for d = 0', () => {
    const a = Float64Array.of(2, 0, 0, 0, 3, 0, 0, 0, 5);
    expect(logDetCholesky(3, factor(3, a))).toBeCloseTo(Math.log(30), 14);
    expect(logDetCholesky(0, new Float64Array(0))).toBe(0);
  });

  it('does not overflow where the determinant itself would (d = 64, eigenvalues up to 1e200)', () => {
    const d = 64;
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) a[i * d + i] = 1e200;
    expect(logDetCholesky(d, factor(d, a))).toBeCloseTo(d * 200 * Math.LN10, 8);
  });
});

describe('solveCholesky and inverseFromCholesky', () => {
  it.each(SIZES)('solve agrees with ml-matrix solve (d = %i)', (d) => {
    const random = seeded(200 + d);
    const a = randomSpd(random, d, 1e4);
    const b = Float64Array.from({ length: d }, () => random.normal());
    const x = solveCholesky(d, factor(d, a), b);
    const reference = flat(new CholeskyDecomposition(ml(d, d, a)).solve(ml(d, 1, b)));
    expect(relativeError(x, reference)).toBeLessThan(1e-9);
  });

  it('solves in place when out is b', () => {
    const a = randomSpd(seeded(9), 6);
    const L = factor(6, a);
    const b = Float64Array.of(1, 2, 3, 4, 5, 6);
    const expected = solveCholesky(6, L, b);
    expect(solveCholesky(6, L, b, b)).toBe(b);
    expect(Array.from(b)).toEqual(Array.from(expected));
  });

  it.each(SIZES)('inverse agrees with ml-matrix inverse and is exactly symmetric (d = %i)', (d) => {
    const a = randomSpd(seeded(300 + d), d, 1e3);
    const inverse = inverseFromCholesky(d, factor(d, a));
    const reference = flat(new CholeskyDecomposition(ml(d, d, a)).solve(ml(d, d, identity(d))));
    expect(relativeError(inverse, reference)).toBeLessThan(1e-9);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) expect(inverse[i * d + j]).toBe(inverse[j * d + i]);
    }
  });

  it('inverse may overwrite the factor', () => {
    const a = randomSpd(seeded(10), 5);
    const L = factor(5, a);
    const expected = inverseFromCholesky(5, L);
    expect(Array.from(inverseFromCholesky(5, L, L))).toEqual(Array.from(expected));
  });
});

describe('invertLowerTriangular', () => {
  it.each(SIZES)('gives L·L⁻¹ = I for a random Cholesky factor (d = %i)', (d) => {
    const L = factor(d, randomSpd(seeded(400 + d), d, 100));
    const M = invertLowerTriangular(d, L);
    const product = flat(ml(d, d, L).mmul(ml(d, d, M)));
    expect(relativeError(product, identity(d))).toBeLessThan(1e-12);
    for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) expect(M[i * d + j]).toBe(0);
  });

  it('inverts in place with identical results', () => {
    const L = factor(7, randomSpd(seeded(11), 7));
    const expected = invertLowerTriangular(7, L);
    expect(Array.from(invertLowerTriangular(7, L, L))).toEqual(Array.from(expected));
  });
});

function identity(d: number): Float64Array {
  const I = new Float64Array(d * d);
  for (let i = 0; i < d; i++) I[i * d + i] = 1;
  return I;
}
