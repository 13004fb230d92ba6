import { InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import {
  flat,
  KERNEL_PATHS,
  ml,
  randomMatrix,
  randomSpd,
  relativeError,
  SIZES,
  seeded,
  useKernelCompilation,
} from '../test/helpers.js';
import { cholesky } from './cholesky.js';
import { invertLowerTriangular } from './invertLowerTriangular.js';
import { multiplyUpperRows } from './multiplyUpperRows.js';
import { solveLowerRows } from './solveTriangularRows.js';
import { squaredMahalanobis } from './squaredMahalanobis.js';
import { squaredMahalanobisDiagonal } from './squaredMahalanobisDiagonal.js';

function lowerFactor(d: number, seed: number, condition = 100): Float64Array {
  const result = cholesky(d, randomSpd(seeded(seed), d, condition));
  if (!result.ok) throw new Error('not SPD');
  return result.factor;
}

function transpose(d: number, A: Float64Array): Float64Array {
  const T = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) T[j * d + i] = A[i * d + j];
  return T;
}

describe('solveLowerRows', () => {
  it.each(SIZES)('equals X·L⁻ᵀ from ml-matrix for rows [3, 14) (d = %i)', (d) => {
    const X = randomMatrix(seeded(d), 17, d);
    const L = lowerFactor(d, 50 + d);
    const Y = solveLowerRows(X, 3, 14, L);
    const reference = ml(17, d, X.data)
      .subMatrix(3, 13, 0, d - 1)
      .mmul(ml(d, d, invertLowerTriangular(d, L)).transpose());
    expect(Y.length).toBe(11 * d);
    expect(relativeError(Y, flat(reference))).toBeLessThan(1e-11);
  });

  it('handles 0 rows, 1 row and a row count that is not a multiple of 4', () => {
    const L = lowerFactor(3, 1);
    const X = randomMatrix(seeded(2), 7, 3);
    expect(solveLowerRows(X, 5, 5, L).length).toBe(0);
    const all = solveLowerRows(X, 0, 7, L);
    for (let i = 0; i < 7; i++) {
      const single = solveLowerRows(X, i, i + 1, L);
      expect(Array.from(single)).toEqual(Array.from(all.subarray(i * 3, i * 3 + 3)));
    }
  });

  it('throws InvalidInputError for a bad range or factor size', () => {
    const X = randomMatrix(seeded(3), 4, 2);
    expect(() => solveLowerRows(X, 0, 5, new Float64Array(4))).toThrow(InvalidInputError);
    expect(() => solveLowerRows(X, 3, 2, new Float64Array(4))).toThrow(/end/);
    expect(() => solveLowerRows(X, 0, 4, new Float64Array(9))).toThrow(/L/);
  });
});

describe('multiplyUpperRows', () => {
  it.each(SIZES)('equals X·U from ml-matrix (d = %i)', (d) => {
    const X = randomMatrix(seeded(d + 1), 9, d);
    const U = transpose(d, lowerFactor(d, 70 + d));
    const Y = multiplyUpperRows(X, 1, 9, U);
    const reference = ml(9, d, X.data)
      .subMatrix(1, 8, 0, d - 1)
      .mmul(ml(d, d, U));
    expect(relativeError(Y, flat(reference))).toBeLessThan(1e-12);
  });

  it('ignores entries below the diagonal of U', () => {
    const U = Float64Array.of(1, 2, 0, 3);
    const withGarbage = Float64Array.of(1, 2, 99, 3);
    const X = randomMatrix(seeded(4), 5, 2);
    expect(Array.from(multiplyUpperRows(X, 0, 5, withGarbage))).toEqual(
      Array.from(multiplyUpperRows(X, 0, 5, U)),
    );
  });
});

describe.each(KERNEL_PATHS)('squaredMahalanobis (%s)', (_, compile) => {
  useKernelCompilation(compile);

  it.each(SIZES)('equals (x − μ)ᵀ Σ⁻¹ (x − μ) computed with ml-matrix (d = %i)', (d) => {
    const random = seeded(500 + d);
    const X = randomMatrix(random, 23, d, 2, 3);
    const mean = Float64Array.from({ length: d }, () => 3 + random.normal());
    const sigma = randomSpd(random, d, 1e3);
    // Precision Cholesky U (Σ⁻¹ = U·Uᵀ) = L⁻ᵀ with Σ = L·Lᵀ, as scikit-learn builds it.
    const result = cholesky(d, sigma);
    if (!result.ok) throw new Error('not SPD');
    const U = transpose(d, invertLowerTriangular(d, result.factor));
    const out = squaredMahalanobis(X, 0, 23, mean, U, new Float64Array(23));
    const precision = ml(d, d, U).mmul(ml(d, d, U).transpose());
    for (let i = 0; i < 23; i++) {
      const z = ml(
        1,
        d,
        Array.from({ length: d }, (_, k) => X.data[i * d + k] - mean[k]),
      );
      const reference = z.mmul(precision).mmul(z.transpose()).get(0, 0);
      expect(Math.abs(out[i] - reference)).toBeLessThan(1e-9 * Math.max(1, reference));
    }
  });

  it('writes only out[offset + i * stride] for the rows of the range', () => {
    for (const d of [1, 2, 3, 6, 10, 40]) {
      const X = randomMatrix(seeded(d), 10, d);
      const U = transpose(d, lowerFactor(d, d));
      const mean = new Float64Array(d);
      const dense = squaredMahalanobis(X, 2, 9, mean, U, new Float64Array(7));
      const out = new Float64Array(40).fill(-1);
      squaredMahalanobis(X, 2, 9, mean, U, out, 3, 5);
      for (let i = 0; i < 40; i++) {
        if (i >= 3 && (i - 3) % 5 === 0 && (i - 3) / 5 < 7) expect(out[i]).toBe(dense[(i - 3) / 5]);
        else expect(out[i]).toBe(-1);
      }
    }
  });

  it('equals the squared norm of multiplyUpperRows of the centred rows', () => {
    const d = 5;
    const X = randomMatrix(seeded(8), 13, d);
    const U = transpose(d, lowerFactor(d, 8));
    const Y = multiplyUpperRows(X, 0, 13, U);
    const out = squaredMahalanobis(X, 0, 13, new Float64Array(d), U, new Float64Array(13));
    for (let i = 0; i < 13; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += Y[i * d + k] ** 2;
      expect(out[i]).toBeCloseTo(s, 12);
    }
  });

  it('throws InvalidInputError when out is too short for the stride', () => {
    const X = randomMatrix(seeded(9), 4, 2);
    const U = Float64Array.of(1, 0, 0, 1);
    expect(() =>
      squaredMahalanobis(X, 0, 4, new Float64Array(2), U, new Float64Array(6), 0, 2),
    ).toThrow(InvalidInputError);
    expect(() => squaredMahalanobis(X, 0, 4, new Float64Array(3), U, new Float64Array(4))).toThrow(
      /mean/,
    );
  });
});

describe.each(KERNEL_PATHS)('squaredMahalanobisDiagonal (%s)', (_, compile) => {
  useKernelCompilation(compile);

  it.each(SIZES)('equals Σ (x − μ)² / σ² term by term (d = %i)', (d) => {
    const random = seeded(700 + d);
    const X = randomMatrix(random, 23, d, 2, 1e3);
    const mean = Float64Array.from({ length: d }, () => 1e3 + random.normal());
    const precisions = Float64Array.from({ length: d }, () => 1 / (0.1 + random.uniform()));
    const out = squaredMahalanobisDiagonal(X, 2, 21, mean, precisions, new Float64Array(19));
    for (let i = 2; i < 21; i++) {
      let reference = 0;
      for (let j = 0; j < d; j++) reference += (X.data[i * d + j] - mean[j]) ** 2 * precisions[j];
      expect(Math.abs(out[i - 2] - reference)).toBeLessThan(1e-12 * Math.max(1, reference));
    }
  });

  it('writes only out[offset + i * stride] for the rows of the range, like the full kernel', () => {
    for (const d of [1, 3, 16, 70]) {
      const X = randomMatrix(seeded(d), 10, d);
      const mean = new Float64Array(d).fill(0.5);
      const precisions = new Float64Array(d).fill(2);
      const dense = squaredMahalanobisDiagonal(X, 2, 9, mean, precisions, new Float64Array(7));
      const out = new Float64Array(40).fill(-1);
      squaredMahalanobisDiagonal(X, 2, 9, mean, precisions, out, 3, 5);
      for (let i = 0; i < 40; i++) {
        if (i >= 3 && (i - 3) % 5 === 0 && (i - 3) / 5 < 7) expect(out[i]).toBe(dense[(i - 3) / 5]);
        else expect(out[i]).toBe(-1);
      }
      // A diagonal factor through the full kernel: U = diag(√p).
      const U = new Float64Array(d * d);
      for (let j = 0; j < d; j++) U[j * d + j] = Math.SQRT2;
      const full = squaredMahalanobis(X, 2, 9, mean, U, new Float64Array(7));
      for (let i = 0; i < 7; i++) expect(dense[i]).toBeCloseTo(full[i], 12);
    }
  });

  it('keeps NaN visible and throws InvalidInputError for mismatched lengths', () => {
    const X = { rows: 2, cols: 2, data: Float64Array.of(1, Number.NaN, 2, 3) };
    const out = squaredMahalanobisDiagonal(
      X,
      0,
      2,
      new Float64Array(2),
      Float64Array.of(1, 1),
      new Float64Array(2),
    );
    expect(out[0]).toBeNaN();
    expect(out[1]).toBe(13);
    const two = new Float64Array(2);
    expect(() => squaredMahalanobisDiagonal(X, 0, 2, new Float64Array(3), two, two)).toThrow(
      /mean/,
    );
    expect(() => squaredMahalanobisDiagonal(X, 0, 2, two, new Float64Array(1), two)).toThrow(
      /precisions/,
    );
    expect(() => squaredMahalanobisDiagonal(X, 0, 2, two, two, two, 0, 2)).toThrow(
      InvalidInputError,
    );
  });
});
