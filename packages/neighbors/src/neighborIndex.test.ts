import { createRandom, InvalidInputError, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import type { Metric } from './metric.js';
import { NeighborBuffer } from './neighborBuffer.js';
import { NeighborIndex } from './neighborIndex.js';
import { powerOfTwoExponent, scaleByPowerOfTwo } from './powerOfTwoScale.js';

/** Seeded rows with some exact duplicates and a coarse grid (so ties in distance happen). */
function data(n: number, d: number, seed: number, grid = false): Matrix {
  const random = createRandom(seed);
  const out = new Float64Array(n * d);
  for (let t = 0; t < n * d; t++) {
    const v = random.normal() * 3;
    out[t] = grid ? Math.round(v) : v;
  }
  for (let i = 5; i < n; i += 17) out.copyWithin(i * d, (i - 3) * d, (i - 2) * d);
  return { rows: n, cols: d, data: out };
}

function distance(metric: Metric, X: Matrix, i: number, q: Float64Array, qo: number): number {
  const d = X.cols;
  let s = 0;
  if (metric === 'manhattan') {
    for (let t = 0; t < d; t++) s += Math.abs(X.data[i * d + t] - q[qo + t]);
    return s;
  }
  if (metric === 'cosine') {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let t = 0; t < d; t++) {
      ab += X.data[i * d + t] * q[qo + t];
      aa += X.data[i * d + t] ** 2;
      bb += q[qo + t] ** 2;
    }
    return 1 - ab / Math.sqrt(aa * bb);
  }
  for (let t = 0; t < d; t++) s += (X.data[i * d + t] - q[qo + t]) ** 2;
  return Math.sqrt(s);
}

/** The naive answer: all rows sorted by (distance, index). */
function naive(metric: Metric, X: Matrix, q: Float64Array, qo: number, exclude: number) {
  const rows = [];
  for (let i = 0; i < X.rows; i++)
    if (i !== exclude) rows.push({ i, d: distance(metric, X, i, q, qo) });
  return rows.sort((a, b) => a.d - b.d || a.i - b.i);
}

describe('NeighborIndex', () => {
  const cases: Array<[Metric, 'kd-tree' | 'brute', number]> = [
    ['euclidean', 'kd-tree', 2],
    ['euclidean', 'kd-tree', 5],
    ['euclidean', 'brute', 5],
    ['euclidean', 'brute', 40],
    ['manhattan', 'kd-tree', 3],
    ['manhattan', 'brute', 3],
    ['cosine', 'kd-tree', 4],
    ['cosine', 'brute', 4],
  ];
  for (const [metric, algorithm, d] of cases) {
    it(`${metric} ${algorithm} d=${d}: k nearest of every row equal the naive ranking (distance, then index)`, () => {
      const X = data(300, d, d * 7 + 1, metric === 'manhattan');
      const index = new NeighborIndex(X, { metric, algorithm, leafSize: 8 });
      expect(index.algorithm).toBe(algorithm);
      const k = 7;
      const { indices, distances } = index.kNearest(k);
      for (let q = 0; q < X.rows; q++) {
        const expected = naive(metric, X, X.data, q * d, q).slice(0, k);
        for (let j = 0; j < k; j++) {
          expect(distances[q * k + j]).toBeCloseTo(expected[j].d, 10);
        }
        // Indices agree wherever the distance is not tied with a neighbour at the cut.
        const cut = expected[k - 1].d;
        for (let j = 0; j < k; j++) {
          if (Math.abs(expected[j].d - cut) > 1e-9) expect(indices[q * k + j]).toBe(expected[j].i);
        }
      }
    });

    it(`${metric} ${algorithm} d=${d}: radius neighbours of new points equal the naive set`, () => {
      const X = data(250, d, d * 11 + 3, metric === 'manhattan');
      const Q = data(40, d, 99);
      const index = new NeighborIndex(X, { metric, algorithm, leafSize: 8 });
      const radius =
        metric === 'cosine' ? 0.3 : metric === 'manhattan' ? 2.5 * d : 1.5 * Math.sqrt(d);
      const { offsets, indices, distances } = index.radiusNeighbors(radius, Q);
      for (let q = 0; q < Q.rows; q++) {
        const all = naive(metric, X, Q.data, q * d, -1);
        const got = new Set(indices.subarray(offsets[q], offsets[q + 1]));
        // Rows clearly inside are found, rows clearly outside are not (rounding decides the rim).
        for (const r of all) {
          if (r.d < radius - 1e-9) expect(got.has(r.i)).toBe(true);
          if (r.d > radius + 1e-9) expect(got.has(r.i)).toBe(false);
        }
        for (let j = offsets[q]; j < offsets[q + 1]; j++) {
          expect(distances[j]).toBeCloseTo(distance(metric, X, indices[j], Q.data, q * d), 10);
          if (j > offsets[q]) expect(distances[j]).toBeGreaterThanOrEqual(distances[j - 1]);
        }
      }
    });
  }

  it('precomputed: queries read the given distances', () => {
    const X = data(60, 3, 5);
    const D = new Float64Array(60 * 60);
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 60; j++)
        D[i * 60 + j] = i === j ? 0 : distance('euclidean', X, i, X.data, j * 3);
    const direct = new NeighborIndex(X).kNearest(4);
    const pre = new NeighborIndex({ rows: 60, cols: 60, data: D }, { metric: 'precomputed' });
    expect(pre.algorithm).toBe('brute');
    const got = pre.kNearest(4);
    expect(Array.from(got.indices)).toEqual(Array.from(direct.indices));
    for (let t = 0; t < got.distances.length; t++)
      expect(got.distances[t]).toBeCloseTo(direct.distances[t], 12);
  });

  it('auto picks the KD-tree up to 16 dimensions and brute force above', () => {
    expect(new NeighborIndex(data(50, 16, 1)).algorithm).toBe('kd-tree');
    expect(new NeighborIndex(data(50, 17, 1)).algorithm).toBe('brute');
  });

  it('rejects bad input with located typed errors', () => {
    const X = data(20, 2, 1);
    expect(() => new NeighborIndex(X, { metric: 'chebyshev' as Metric })).toThrow(
      InvalidInputError,
    );
    expect(() => new NeighborIndex(X).kNearest(20)).toThrow(/k/);
    expect(() => new NeighborIndex(X).kNearest(2, [[1, 2, 3]])).toThrow(InvalidInputError);
    expect(
      () =>
        new NeighborIndex(
          [
            [0, 0],
            [1, 1],
          ],
          { metric: 'cosine' },
        ),
    ).toThrow(/row 0/);
    expect(
      () =>
        new NeighborIndex(
          [
            [0, 1],
            [2, 0],
          ],
          { metric: 'precomputed' },
        ),
    ).toThrow(/symmetric/);
    expect(() => new NeighborIndex(X).radiusNeighbors(-1)).toThrow(InvalidInputError);
  });
});

describe('NeighborIndex.radiusRowsOfRow', () => {
  it('finds the same rows as radiusOfRow (whole boxes inside the radius taken without distances)', () => {
    const X = data(400, 3, 17);
    for (const metric of ['euclidean', 'manhattan'] as const) {
      const index = new NeighborIndex(X, { metric, leafSize: 4 });
      const a = new NeighborBuffer();
      const b = new NeighborBuffer();
      for (let i = 0; i < X.rows; i += 7) {
        a.clear();
        b.clear();
        const found = index.radiusRowsOfRow(i, 3, a);
        index.radiusOfRow(i, 3, b);
        expect(found).toBe(b.count);
        expect(Array.from(a.indices.subarray(0, a.count)).sort((x, y) => x - y)).toEqual(
          Array.from(b.indices.subarray(0, b.count)).sort((x, y) => x - y),
        );
      }
    }
  });
});

describe('NeighborIndex.radiusRowsOfRows', () => {
  it('finds exactly the rows of per-row queries, on the blocked kernel route too', () => {
    const X = data(300, 12, 23);
    for (const metric of ['euclidean', 'cosine', 'manhattan'] as const) {
      const index = new NeighborIndex(X, { metric, algorithm: 'brute' });
      const radius = metric === 'cosine' ? 0.5 : metric === 'manhattan' ? 30 : 12;
      const out = new NeighborBuffer();
      const counts = new Int32Array(50);
      const block = new Float64Array(50 * X.rows);
      index.radiusRowsOfRows(100, 150, radius, out, counts, block);
      let at = 0;
      for (let r = 100; r < 150; r++) {
        const single = new NeighborBuffer();
        index.radiusOfRow(r, radius, single);
        const got = Array.from(out.indices.subarray(at, at + counts[r - 100])).sort(
          (a, b) => a - b,
        );
        expect(got).toEqual(
          Array.from(single.indices.subarray(0, single.count)).sort((a, b) => a - b),
        );
        at += counts[r - 100];
      }
    }
  });
});

describe('powerOfTwoExponent and scaleByPowerOfTwo (issue 16)', () => {
  it('leave ordinary rows as they are and bring extreme ones into [1, 2), exactly', () => {
    expect(powerOfTwoExponent(Float64Array.of(3, -1e50, 0))).toBe(0);
    expect(powerOfTwoExponent(Float64Array.of(0, 0))).toBe(0);
    for (const largest of [1e300, -3e-300, 1e-307]) {
      const data = Float64Array.of(largest / 7, largest, Number.POSITIVE_INFINITY);
      const e = powerOfTwoExponent(data);
      const m = scaleByPowerOfTwo({ rows: 1, cols: 3, data }, e);
      expect(Math.abs(m.data[1])).toBeGreaterThanOrEqual(1);
      expect(Math.abs(m.data[1])).toBeLessThan(2);
      expect(m.data[0] * 2 ** -e).toBe(largest / 7);
    }
    const X = { rows: 1, cols: 1, data: Float64Array.of(2) };
    expect(scaleByPowerOfTwo(X, 0)).toBe(X);
  });
});
