import { InvalidInputError, type Matrix, toMatrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { randomMatrix, seeded } from '../test/helpers.js';
import { argmaxRows } from './argmaxRows.js';
import { cholesky } from './cholesky.js';
import { logSumExpRows } from './logSumExp.js';
import { multiply } from './multiply.js';
import { multiplyTransposed } from './multiplyTransposed.js';
import { multiplyUpperRows } from './multiplyUpperRows.js';
import { normalizeLogRows } from './normalizeLogRows.js';
import { solveLowerRows } from './solveTriangularRows.js';
import { rowSquaredNorms, squaredDistances } from './squaredDistances.js';
import { squaredMahalanobis } from './squaredMahalanobis.js';
import { weightedColumnMeans } from './weightedColumnMeans.js';
import { weightedGram } from './weightedGram.js';
import { weightedMeanScatter } from './weightedMoments.js';

const empty = (cols: number): Matrix => ({ rows: 0, cols, data: new Float64Array(0) });

describe('0 rows', () => {
  it('row kernels return empty outputs and write nothing', () => {
    const X = empty(3);
    const I3 = Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1);
    expect(solveLowerRows(X, 0, 0, I3).length).toBe(0);
    expect(multiplyUpperRows(X, 0, 0, I3).length).toBe(0);
    const out = Float64Array.of(7);
    squaredMahalanobis(X, 0, 0, new Float64Array(3), I3, out);
    expect(out[0]).toBe(7);
    expect(squaredDistances(X, 0, 0, randomMatrix(seeded(1), 4, 3)).length).toBe(0);
    expect(rowSquaredNorms(X).length).toBe(0);
    expect(logSumExpRows(0, 5, new Float64Array(0)).length).toBe(0);
    expect(normalizeLogRows(0, 5, new Float64Array(0)).length).toBe(0);
    expect(argmaxRows(0, 5, new Float64Array(0)).length).toBe(0);
  });

  it('moments of no rows are zero with zero total weight', () => {
    const mean = Float64Array.of(1, 1, 1);
    const scatter = new Float64Array(9).fill(1);
    expect(weightedMeanScatter(empty(3), 0, 0, new Float64Array(0), 0, 1, mean, scatter)).toBe(0);
    expect(Array.from(mean)).toEqual([0, 0, 0]);
    expect(Array.from(scatter).every((v) => v === 0)).toBe(true);
    expect(Array.from(weightedColumnMeans(empty(2), 0, 0, new Float64Array(0), 0, 1))).toEqual([
      0, 0,
    ]);
  });

  it('products with an empty side have the right shape', () => {
    expect(multiply(empty(3), randomMatrix(seeded(2), 3, 2))).toEqual({
      rows: 0,
      cols: 2,
      data: new Float64Array(0),
    });
    expect(multiplyTransposed(empty(3), randomMatrix(seeded(3), 4, 3)).rows).toBe(0);
    expect(Array.from(weightedGram(empty(2), null).data)).toEqual([0, 0, 0, 0]);
  });
});

describe('d = 1 and a single row', () => {
  it('every row kernel reduces to scalar arithmetic', () => {
    const X: Matrix = { rows: 1, cols: 1, data: Float64Array.of(3) };
    const L = Float64Array.of(2);
    expect(Array.from(solveLowerRows(X, 0, 1, L))).toEqual([1.5]);
    expect(Array.from(multiplyUpperRows(X, 0, 1, L))).toEqual([6]);
    expect(
      Array.from(squaredMahalanobis(X, 0, 1, Float64Array.of(1), L, new Float64Array(1))),
    ).toEqual([16]);
    expect(
      Array.from(squaredDistances(X, 0, 1, { rows: 1, cols: 1, data: Float64Array.of(-1) })),
    ).toEqual([16]);
    const mean = new Float64Array(1);
    const scatter = new Float64Array(1);
    expect(weightedMeanScatter(X, 0, 1, Float64Array.of(2), 0, 1, mean, scatter)).toBe(2);
    expect([mean[0], scatter[0]]).toEqual([3, 0]);
    expect(Array.from(weightedGram(X, Float64Array.of(2)).data)).toEqual([18]);
    expect(Array.from(multiply(X, X).data)).toEqual([9]);
    const result = cholesky(1, Float64Array.of(4));
    expect(result.ok && Array.from(result.factor)).toEqual([2]);
  });

  it('a single column of log-weights normalises to 1', () => {
    const A = Float64Array.of(-3, Number.NEGATIVE_INFINITY);
    const lse = new Float64Array(2);
    normalizeLogRows(2, 1, A, lse);
    expect(Array.from(A)).toEqual([1, 0]);
    expect(Array.from(lse)).toEqual([-3, Number.NEGATIVE_INFINITY]);
    expect(Array.from(argmaxRows(2, 1, A))).toEqual([0, 0]);
  });
});

describe('NaN input', () => {
  it('is rejected at the API boundary by toMatrix with its row and column', () => {
    let error: unknown;
    try {
      toMatrix([
        [1, 2],
        [3, Number.NaN],
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as InvalidInputError).row).toBe(1);
    expect((error as InvalidInputError).column).toBe(1);
  });

  it('stays visible in kernel outputs (never silently turned into a number)', () => {
    const X: Matrix = { rows: 2, cols: 2, data: Float64Array.of(1, Number.NaN, 2, 3) };
    const I2 = Float64Array.of(1, 0, 0, 1);
    const maha = squaredMahalanobis(X, 0, 2, new Float64Array(2), I2, new Float64Array(2));
    expect(maha[0]).toBeNaN();
    expect(maha[1]).toBe(13);
    expect(squaredDistances(X, 0, 2, X)[0]).toBeNaN();
    const mean = new Float64Array(2);
    weightedMeanScatter(X, 0, 2, Float64Array.of(1, 1), 0, 1, mean, new Float64Array(4));
    expect(mean[0]).toBe(1.5);
    expect(mean[1]).toBeNaN();
    expect(logSumExpRows(1, 2, Float64Array.of(0, Number.NaN))[0]).toBeNaN();
  });

  it('makes cholesky fail with the column where it surfaced', () => {
    const result = cholesky(2, Float64Array.of(1, 0, 0, Number.NaN));
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.column).toBe(1);
  });
});

describe('shape validation', () => {
  it('names the argument in InvalidInputError', () => {
    const X = randomMatrix(seeded(4), 3, 2);
    const bad: Matrix = { rows: 3, cols: 2, data: new Float64Array(5) };
    expect(() => solveLowerRows(bad, 0, 3, new Float64Array(4))).toThrow(/Invalid X/);
    expect(() => multiplyUpperRows(X, -1, 2, new Float64Array(4))).toThrow(/Invalid start/);
    expect(() => rowSquaredNorms(bad)).toThrow(InvalidInputError);
    expect(() => weightedColumnMeans(X, 0, 3, new Float64Array(3), 0, 0)).toThrow(/weightsStride/);
    expect(() =>
      squaredMahalanobis(
        X,
        0,
        3,
        new Float64Array(2),
        new Float64Array(4),
        new Float64Array(3),
        -1,
      ),
    ).toThrow(/outOffset/);
    expect(() => normalizeLogRows(2, 2, new Float64Array(4), new Float64Array(1))).toThrow(
      /logNormalizers/,
    );
    expect(() => argmaxRows(2, 2, new Float64Array(4), new Int32Array(1))).toThrow(/out/);
  });
});
