import { InvalidInputError, type Matrix } from '@mixkit/core';
import fc from 'fast-check';
import { Matrix as MlMatrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  flat,
  KERNEL_PATHS,
  ml,
  randomMatrix,
  relativeError,
  SIZES,
  seeded,
  useKernelCompilation,
} from '../test/helpers.js';
import { weightedColumnMeans } from './weightedColumnMeans.js';
import { combineMoments, weightedMeanScatter } from './weightedMoments.js';

/** The textbook two-pass definition, term by term (fine as a reference for data near 0). */
function naiveMoments(X: Matrix, start: number, end: number, w: ArrayLike<number>) {
  const d = X.cols;
  let total = 0;
  const mean = new Float64Array(d);
  for (let i = start; i < end; i++) {
    total += w[i - start];
    for (let a = 0; a < d; a++) mean[a] += w[i - start] * X.data[i * d + a];
  }
  for (let a = 0; a < d; a++) mean[a] /= total;
  const scatter = new Float64Array(d * d);
  for (let i = start; i < end; i++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        scatter[a * d + b] +=
          w[i - start] * (X.data[i * d + a] - mean[a]) * (X.data[i * d + b] - mean[b]);
      }
    }
  }
  return { total, mean, scatter };
}

function randomWeights(n: number, seed: number): Float64Array {
  const random = seeded(seed);
  return Float64Array.from({ length: n }, () => (random.uniform() < 0.2 ? 0 : random.uniform()));
}

describe.each(KERNEL_PATHS)('weightedMeanScatter (%s)', (_, compile) => {
  useKernelCompilation(compile);

  it.each([1, 2, 3, 5, 8, 17])('matches the textbook two-pass definition (d = %i)', (d) => {
    const X = randomMatrix(seeded(d), 41, d, 3, 1);
    const w = randomWeights(37, d);
    const mean = new Float64Array(d);
    const scatter = new Float64Array(d * d);
    const total = weightedMeanScatter(X, 2, 39, w, 0, 1, mean, scatter);
    const reference = naiveMoments(X, 2, 39, w);
    expect(total).toBeCloseTo(reference.total, 12);
    expect(relativeError(mean, reference.mean)).toBeLessThan(1e-13);
    expect(relativeError(scatter, reference.scatter)).toBeLessThan(1e-13);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < a; b++) expect(scatter[a * d + b]).toBe(scatter[b * d + a]);
  });

  it.each(SIZES)('matches ml-matrix Xcᵀ·diag(w)·Xc (d = %i, 200 rows)', (d) => {
    const n = 200;
    const X = randomMatrix(seeded(900 + d), n, d, 2, -1);
    const w = randomWeights(n, d);
    const mean = new Float64Array(d);
    const scatter = new Float64Array(d * d);
    const total = weightedMeanScatter(X, 0, n, w, 0, 1, mean, scatter);
    const mx = ml(n, d, X.data);
    const referenceMean = MlMatrix.rowVector(Array.from(w)).mmul(mx).div(total);
    const centred = mx.clone().subRowVector(referenceMean.getRow(0));
    const reference = centred.transpose().mulRowVector(Array.from(w)).mmul(centred);
    expect(relativeError(mean, flat(referenceMean))).toBeLessThan(1e-13);
    expect(relativeError(scatter, flat(reference))).toBeLessThan(1e-12);
  });

  it('diagonal mode equals the diagonal of full mode', () => {
    const d = 6;
    const X = randomMatrix(seeded(1), 30, d);
    const w = randomWeights(30, 1);
    const full = new Float64Array(d * d);
    const diagonal = new Float64Array(d);
    weightedMeanScatter(X, 0, 30, w, 0, 1, new Float64Array(d), full, 'full');
    weightedMeanScatter(X, 0, 30, w, 0, 1, new Float64Array(d), diagonal, 'diagonal');
    for (let a = 0; a < d; a++) expect(diagonal[a]).toBeCloseTo(full[a * d + a], 12);
  });

  it('is accurate for data around 1e6 with spread 1 (large mean offset)', () => {
    const d = 3;
    const n = 1000;
    const centred = randomMatrix(seeded(2), n, d);
    const offset = { rows: n, cols: d, data: centred.data.map((v) => v + 1e6) };
    const w = randomWeights(n, 2);
    const meanCentred = new Float64Array(d);
    const scatterCentred = new Float64Array(d * d);
    weightedMeanScatter(centred, 0, n, w, 0, 1, meanCentred, scatterCentred);
    const mean = new Float64Array(d);
    const scatter = new Float64Array(d * d);
    weightedMeanScatter(offset, 0, n, w, 0, 1, mean, scatter);
    // Adding 1e6 rounds each value to a multiple of 2^-33 ≈ 1.2e-10; the scatter may move by
    // about that relative amount, not by the 1e12·eps ≈ 1e-4 of the uncentred formula.
    expect(relativeError(scatter, scatterCentred)).toBeLessThan(1e-8);
    for (let a = 0; a < d; a++) expect(mean[a] - 1e6).toBeCloseTo(meanCentred[a], 8);
  });

  it('reads weights at weightOffset + (i − start) * weightStride (a responsibility column)', () => {
    const d = 2;
    const K = 3;
    const X = randomMatrix(seeded(3), 10, d);
    const R = Float64Array.from({ length: 10 * K }, (_, i) => ((i * 7) % 5) / 5);
    const column = Float64Array.from({ length: 6 }, (_, r) => R[(r + 2) * K + 1]);
    const a = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
    const b = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
    const ta = weightedMeanScatter(X, 2, 8, R, 2 * K + 1, K, a.mean, a.scatter);
    const tb = weightedMeanScatter(X, 2, 8, column, 0, 1, b.mean, b.scatter);
    expect(ta).toBe(tb);
    expect(Array.from(a.mean)).toEqual(Array.from(b.mean));
    expect(Array.from(a.scatter)).toEqual(Array.from(b.scatter));
  });

  it('gives zero mean and scatter and returns 0 when every weight is 0 (or there are 0 rows)', () => {
    const X = randomMatrix(seeded(4), 5, 2);
    const mean = Float64Array.of(9, 9);
    const scatter = new Float64Array(4).fill(9);
    expect(weightedMeanScatter(X, 0, 5, new Float64Array(5), 0, 1, mean, scatter)).toBe(0);
    expect(Array.from(mean)).toEqual([0, 0]);
    expect(Array.from(scatter)).toEqual([0, 0, 0, 0]);
    mean.fill(9);
    expect(weightedMeanScatter(X, 3, 3, new Float64Array(0), 0, 1, mean, null)).toBe(0);
    expect(Array.from(mean)).toEqual([0, 0]);
  });

  it('skips zero-weight rows even when they hold huge values', () => {
    const X = { rows: 3, cols: 1, data: Float64Array.of(1, 1e300, 3) };
    const mean = new Float64Array(1);
    const scatter = new Float64Array(1);
    expect(weightedMeanScatter(X, 0, 3, Float64Array.of(1, 0, 1), 0, 1, mean, scatter)).toBe(2);
    expect(mean[0]).toBe(2);
    expect(scatter[0]).toBe(2);
  });

  it('a single row has its own value as mean and zero scatter', () => {
    const X = { rows: 1, cols: 2, data: Float64Array.of(5, -7) };
    const mean = new Float64Array(2);
    const scatter = new Float64Array(4);
    expect(weightedMeanScatter(X, 0, 1, Float64Array.of(0.5), 0, 1, mean, scatter)).toBe(0.5);
    expect(Array.from(mean)).toEqual([5, -7]);
    expect(Array.from(scatter)).toEqual([0, 0, 0, 0]);
  });

  it('throws InvalidInputError for wrong buffer sizes and an unknown mode', () => {
    const X = randomMatrix(seeded(5), 4, 2);
    const w = new Float64Array(4).fill(1);
    expect(() => weightedMeanScatter(X, 0, 4, w, 0, 1, new Float64Array(3), null)).toThrow(
      InvalidInputError,
    );
    expect(() =>
      weightedMeanScatter(X, 0, 4, w, 0, 1, new Float64Array(2), new Float64Array(2)),
    ).toThrow(/scatter/);
    expect(() => weightedMeanScatter(X, 0, 4, w, 1, 1, new Float64Array(2), null)).toThrow(
      /weights/,
    );
    expect(() =>
      weightedMeanScatter(X, 0, 4, w, 0, 1, new Float64Array(2), null, 'tied' as 'full'),
    ).toThrow(/mode/);
  });
});

describe.each(KERNEL_PATHS)('weightedMeanScatter properties (%s)', (_, compile) => {
  useKernelCompilation(compile);

  it('property: integer weights equal repeating rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 12 }),
        fc.integer(),
        (d, counts, seed) => {
          const X = randomMatrix(seeded(seed), counts.length, d, 5, -2);
          const repeated: number[] = [];
          counts.forEach((count, i) => {
            for (let r = 0; r < count; r++) repeated.push(...X.data.subarray(i * d, i * d + d));
          });
          const R = { rows: repeated.length / d, cols: d, data: Float64Array.from(repeated) };
          const a = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
          const b = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
          const w = Float64Array.from(counts);
          const ta = weightedMeanScatter(X, 0, X.rows, w, 0, 1, a.mean, a.scatter);
          const tb = weightedMeanScatter(
            R,
            0,
            R.rows,
            new Float64Array(R.rows).fill(1),
            0,
            1,
            b.mean,
            b.scatter,
          );
          expect(ta).toBe(tb);
          expect(relativeError(a.mean, b.mean)).toBeLessThan(1e-13);
          expect(relativeError(a.scatter, b.scatter)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('property: scaling every weight by c keeps the mean and scales the scatter by c', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer(),
        (d, n, c, seed) => {
          const X = randomMatrix(seeded(seed), n, d);
          const w = randomWeights(n, seed);
          const scaled = w.map((v) => v * c);
          const a = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
          const b = { mean: new Float64Array(d), scatter: new Float64Array(d * d) };
          const ta = weightedMeanScatter(X, 0, n, w, 0, 1, a.mean, a.scatter);
          const tb = weightedMeanScatter(X, 0, n, scaled, 0, 1, b.mean, b.scatter);
          expect(Math.abs(tb - c * ta)).toBeLessThanOrEqual(1e-12 * tb);
          expect(relativeError(b.mean, a.mean)).toBeLessThan(1e-12);
          expect(
            relativeError(
              b.scatter,
              a.scatter.map((v) => v * c),
            ),
          ).toBeLessThan(1e-11 * Math.max(1, c));
        },
      ),
    );
  });
});

describe('combineMoments', () => {
  it('property: combining the moments of two halves equals the moments of the whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer(),
        fc.constantFrom<'full' | 'diagonal'>('full', 'diagonal'),
        (d, nA, nB, seed, mode) => {
          const X = randomMatrix(seeded(seed), nA + nB, d, 2, 100);
          const w = randomWeights(nA + nB, seed);
          const size = mode === 'full' ? d * d : d;
          const whole = { mean: new Float64Array(d), scatter: new Float64Array(size) };
          const a = { mean: new Float64Array(d), scatter: new Float64Array(size) };
          const b = { mean: new Float64Array(d), scatter: new Float64Array(size) };
          const tw = weightedMeanScatter(X, 0, nA + nB, w, 0, 1, whole.mean, whole.scatter, mode);
          const ta = weightedMeanScatter(X, 0, nA, w, 0, 1, a.mean, a.scatter, mode);
          const tb = weightedMeanScatter(X, nA, nA + nB, w, nA, 1, b.mean, b.scatter, mode);
          const total = combineMoments(ta, a.mean, a.scatter, tb, b.mean, b.scatter, mode);
          expect(total).toBeCloseTo(tw, 10);
          expect(relativeError(a.mean, whole.mean)).toBeLessThan(1e-12);
          expect(relativeError(a.scatter, whole.scatter)).toBeLessThan(1e-10);
        },
      ),
    );
  });

  it('copies B into A when A is empty and leaves A alone when B is empty', () => {
    const meanA = Float64Array.of(0, 0);
    const scatterA = new Float64Array(4);
    expect(
      combineMoments(0, meanA, scatterA, 2, Float64Array.of(1, 2), Float64Array.of(1, 0, 0, 1)),
    ).toBe(2);
    expect(Array.from(meanA)).toEqual([1, 2]);
    expect(Array.from(scatterA)).toEqual([1, 0, 0, 1]);
    expect(combineMoments(2, meanA, scatterA, 0, Float64Array.of(9, 9), new Float64Array(4))).toBe(
      2,
    );
    expect(Array.from(meanA)).toEqual([1, 2]);
  });

  it('rejects one null scatter with another present, and negative weights', () => {
    const m = new Float64Array(1);
    expect(() => combineMoments(1, m, null, 1, m, new Float64Array(1), 'diagonal')).toThrow(
      InvalidInputError,
    );
    expect(() => combineMoments(-1, m, null, 1, m, null)).toThrow(/weightA/);
  });
});

describe('weightedColumnMeans', () => {
  it('equals the weighted mean, skipping zero weights, and is 0 for zero total weight', () => {
    const X = { rows: 4, cols: 2, data: Float64Array.of(1, 2, 3, 4, 100, 100, 5, 6) };
    const w = Float64Array.of(1, 1, 0, 2);
    expect(Array.from(weightedColumnMeans(X, 0, 4, w, 0, 1))).toEqual([3.5, 4.5]);
    expect(Array.from(weightedColumnMeans(X, 0, 4, new Float64Array(4), 0, 1))).toEqual([0, 0]);
  });

  it('stays exact for data with a large offset', () => {
    const X = { rows: 3, cols: 1, data: Float64Array.of(1e15 + 1, 1e15 + 2, 1e15 + 3) };
    const out = weightedColumnMeans(X, 0, 3, Float64Array.of(1, 1, 1), 0, 1);
    expect(out[0]).toBe(1e15 + 2);
  });
});

describe.each(KERNEL_PATHS)('subnormal total weight (%s)', (_, compile) => {
  useKernelCompilation(compile);

  it('gives the same mean and normalised scatter as unit weights, never NaN', () => {
    const X = { rows: 3, cols: 2, data: Float64Array.of(1, 2, 3, 5, 2, 2) };
    const tiny = Float64Array.of(5e-324, 5e-324, 5e-324);
    const mean = new Float64Array(2);
    const scatter = new Float64Array(4);
    const total = weightedMeanScatter(X, 0, 3, tiny, 0, 1, mean, scatter, 'full');
    expect(total).toBe(3 * 5e-324);
    expect(Array.from(mean)).toEqual([2, 3]);
    expect(scatter.every(Number.isFinite)).toBe(true);
    const diagonal = new Float64Array(2);
    weightedMeanScatter(X, 0, 3, tiny, 0, 1, mean, diagonal, 'diagonal');
    expect(diagonal.every(Number.isFinite)).toBe(true);
    const means = weightedColumnMeans(X, 0, 3, tiny, 0, 1);
    expect(Array.from(means)).toEqual([2, 3]);
  });
});
