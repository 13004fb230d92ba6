import {
  AbortedError,
  createMatrix,
  createRandom,
  InvalidInputError,
  type Matrix,
  type RandomSource,
} from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { SphericalKMeans } from './sphericalKMeans.js';
import { SphericalKMeansModel } from './sphericalKMeansModel.js';

/**
 * Embedding-like data: k random unit directions in p dimensions, each row a direction plus
 * Gaussian noise of standard deviation `spread` per coordinate, normalised, at random lengths
 * (spherical k-means must ignore the length). Returns the rows and their true clusters.
 */
function directions(
  n: number,
  p: number,
  k: number,
  spread: number,
  random: RandomSource,
): { X: Matrix; truth: Int32Array } {
  const centres = new Float64Array(k * p);
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let j = 0; j < p; j++) {
      centres[c * p + j] = random.normal();
      norm += centres[c * p + j] ** 2;
    }
    for (let j = 0; j < p; j++) centres[c * p + j] /= Math.sqrt(norm);
  }
  const data = new Float64Array(n * p);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    const length = 0.5 + 3 * random.uniform();
    for (let j = 0; j < p; j++) {
      data[i * p + j] = length * (centres[c * p + j] + spread * random.normal());
    }
  }
  return { X: createMatrix(n, p, data), truth };
}

/** Share of rows whose label is their true cluster's majority label, and the labels distinct. */
function agreement(labels: Int32Array, truth: Int32Array, k: number): number {
  const majority = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const counts = new Map<number, number>();
    for (let i = 0; i < truth.length; i++) {
      if (truth[i] === c) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
    }
    majority[c] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? -1;
  }
  if (new Set(majority).size !== k) return 0;
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (labels[i] === majority[truth[i]]) hits += 1;
  return hits / truth.length;
}

describe('SphericalKMeans recovers directional clusters', () => {
  for (const [p, k, spread] of [
    [3, 4, 0.08],
    [128, 6, 0.12],
    [768, 8, 0.05],
  ] as const) {
    it(`p = ${p}, ${k} clusters: labels agree with the truth on >= 99% of 2400 rows`, () => {
      const { X, truth } = directions(2400, p, k, spread, createRandom(p));
      const model = new SphericalKMeans({ nClusters: k, nInit: 3 }).fit(X, { random: 5 });
      expect(agreement(model.labels, truth, k)).toBeGreaterThanOrEqual(0.99);
      expect(model.converged).toBe(true);
      for (let c = 0; c < k; c++) {
        let norm = 0;
        for (let j = 0; j < p; j++) norm += model.centers.data[c * p + j] ** 2;
        expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
      }
    });
  }
});

describe('SphericalKMeans', () => {
  const { X } = directions(600, 16, 5, 0.4, createRandom(1));

  it('never lowers the cohesion Σ w·cos from one iteration to the next', () => {
    const trace: number[] = [];
    new SphericalKMeans({ nClusters: 5, init: 'random', tolerance: 0 }).fit(X, {
      random: 2,
      onIteration: ({ objective }) => trace.push(objective),
    });
    expect(trace.length).toBeGreaterThan(2);
    for (let t = 1; t < trace.length; t++) {
      expect(trace[t]).toBeGreaterThanOrEqual(trace[t - 1] - 1e-9 * Math.abs(trace[t]));
    }
  });

  it('the labels are those of the returned centres, and predict reproduces them', () => {
    const model = new SphericalKMeans({ nClusters: 5 }).fit(X, { random: 3 });
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
    const similarities = model.transform(X);
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(similarities.data.subarray(i * 5, i * 5 + 5));
      expect(row.indexOf(Math.max(...row))).toBe(model.labels[i]);
    }
  });

  it('ignores row lengths: scaling rows changes nothing', () => {
    const stretched = createMatrix(
      X.rows,
      X.cols,
      X.data.map((v, t) => v * (1 + (Math.floor(t / X.cols) % 5))),
    );
    const a = new SphericalKMeans({ nClusters: 5 }).fit(X, { random: 4 });
    const b = new SphericalKMeans({ nClusters: 5 }).fit(stretched, { random: 4 });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  });

  it('a row of weight 2 counts as the row twice', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const small = createMatrix(10, 16, X.data.slice(0, 160));
    const doubled = createMatrix(11, 16, new Float64Array(176));
    doubled.data.set(small.data);
    doubled.data.set(small.data.subarray(0, 16), 160);
    const init = createMatrix(2, 16, X.data.slice(16 * 3, 16 * 5));
    const weighted = new SphericalKMeans({ nClusters: 2, init }).fit(small, {
      sampleWeight: rows.map((i) => (i === 0 ? 2 : 1)),
    });
    const duplicated = new SphericalKMeans({ nClusters: 2, init }).fit(doubled);
    expect(Array.from(duplicated.labels.subarray(0, 10))).toEqual(Array.from(weighted.labels));
    weighted.centers.data.forEach((value, t) => {
      expect(value).toBeCloseTo(duplicated.centers.data[t], 12);
    });
  });

  it('repeats bit for bit from a seed and keeps the best of nInit restarts', () => {
    const a = new SphericalKMeans({ nClusters: 5, nInit: 4, init: 'random' }).fit(X, { random: 9 });
    const b = new SphericalKMeans({ nClusters: 5, nInit: 4, init: 'random' }).fit(X, { random: 9 });
    expect(Array.from(a.centers.data)).toEqual(Array.from(b.centers.data));
    expect(a.diagnostics.restartObjectives).toHaveLength(4);
    expect(a.cohesion).toBe(Math.max(...a.diagnostics.restartObjectives));
  });

  it('survives a JSON round trip with identical predictions', () => {
    const model = new SphericalKMeans({ nClusters: 5 }).fit(X, { random: 3 });
    const restored = SphericalKMeansModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predict(X))).toEqual(Array.from(model.predict(X)));
    expect(Array.from(restored.centers.data)).toEqual(Array.from(model.centers.data));
    expect(restored.diagnostics).toEqual(model.diagnostics);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    expect(() => SphericalKMeansModel.fromJSON({ ...json, kind: 'x' })).toThrow(InvalidInputError);
    expect(() => SphericalKMeansModel.fromJSON({ ...json, labels: [7] })).toThrow(
      InvalidInputError,
    );
  });

  it('re-seeds an empty cluster and reports it', () => {
    // Two identical initial centres: one of them gets no rows.
    const init = createMatrix(2, 16, new Float64Array(32));
    init.data.set(X.data.subarray(0, 16), 0);
    init.data.set(X.data.subarray(0, 16), 16);
    const model = new SphericalKMeans({ nClusters: 2, init }).fit(X);
    expect(model.diagnostics.warnings).toContainEqual(
      expect.objectContaining({ kind: 'empty-component', action: 'reseeded' }),
    );
    expect(new Set(model.labels).size).toBe(2);
  });

  it('rejects a zero row, nClusters > n and a wrong dimension at predict with InvalidInputError', () => {
    const withZero = createMatrix(3, 2, Float64Array.of(1, 0, 0, 0, 0, 1));
    const error = (() => {
      try {
        new SphericalKMeans({ nClusters: 2 }).fit(withZero);
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidInputError.isInstance(error) && error.row).toBe(1);
    expect(() => new SphericalKMeans({ nClusters: 4 }).fit([[1, 0]])).toThrow(InvalidInputError);
    expect(() => new SphericalKMeans({ nClusters: 0 })).toThrow(InvalidInputError);
    const model = new SphericalKMeans({ nClusters: 2 }).fit(X, { random: 1 });
    expect(() => model.predict([[1, 2]])).toThrow(InvalidInputError);
  });

  it('stops with AbortedError when the signal fires', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() =>
      new SphericalKMeans({ nClusters: 3 }).fit(X, { signal: controller.signal }),
    ).toThrow(AbortedError);
  });
});
