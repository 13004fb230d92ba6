import { createRandom, InvalidInputError, type Matrix } from '@mixkit/core';
import { loadIris } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { blobs } from '../../test/blobs.js';
import { dissimilarities } from './dissimilarities.js';
import { KMedoids } from './kmedoids.js';
import { KMedoidsModel } from './kmedoidsModel.js';

function deviation(D: Float64Array, n: number, medoids: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (const m of medoids) nearest = Math.min(nearest, D[i * n + m]);
    total += nearest;
  }
  return total;
}

/** The optimal total deviation and medoid set, by enumerating every k-subset of rows. */
function bruteForce(D: Float64Array, n: number, k: number): { total: number; medoids: number[] } {
  let best = { total: Number.POSITIVE_INFINITY, medoids: [] as number[] };
  const subset: number[] = [];
  const visit = (from: number): void => {
    if (subset.length === k) {
      let total = 0;
      for (let i = 0; i < n; i++) {
        let nearest = Number.POSITIVE_INFINITY;
        for (const m of subset) nearest = Math.min(nearest, D[i * n + m]);
        total += nearest;
      }
      if (total < best.total) best = { total, medoids: [...subset] };
      return;
    }
    for (let c = from; c < n; c++) {
      subset.push(c);
      visit(c + 1);
      subset.pop();
    }
  };
  visit(0);
  return best;
}

/**
 * n rows in k well-separated groups, without a random generator (so the case does not depend on
 * the RNG stream): group centres in distinct directions of the positive orthant, so cosine
 * distance separates them as well, plus small deterministic offsets.
 */
function separatedGroups(n: number, k: number): Matrix {
  const centres = [
    [30, 2, 2],
    [2, 30, 2],
    [2, 2, 30],
    [20, 20, 2],
  ];
  const data = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    const centre = centres[i % k];
    data[i * 3] = centre[0] + Math.sin(1.7 * i);
    data[i * 3 + 1] = centre[1] + Math.cos(2.3 * i);
    data[i * 3 + 2] = centre[2] + Math.sin(0.9 * i + 1);
  }
  return { rows: n, cols: 3, data };
}

function randomData(n: number, d: number, seed: number): Matrix {
  const random = createRandom(seed);
  const data = new Float64Array(n * d);
  for (let t = 0; t < n * d; t++) data[t] = random.normal() + (t % 3 === 0 ? 4 * (t % 2) : 0);
  return { rows: n, cols: d, data };
}

describe('KMedoids (FasterPAM)', () => {
  const metrics = ['euclidean', 'manhattan', 'cosine'] as const;
  for (const metric of metrics) {
    for (const [seed, n, k] of [
      [1, 12, 3],
      [2, 14, 2],
      [3, 13, 4],
    ] as const) {
      it(`reaches the brute-force optimum on clustered data: ${metric}, n=${n}, k=${k}, seed ${seed}`, () => {
        const X = separatedGroups(n, k);
        const D = dissimilarities(X, X, metric);
        const optimum = bruteForce(D, n, k);
        const model = new KMedoids({ nClusters: k, metric }).fit(X);
        expect(model.totalDeviation).toBeCloseTo(optimum.total, 10);
        expect([...model.medoidIndices].sort((a, b) => a - b)).toEqual(optimum.medoids);
        expect(model.converged).toBe(true);
      });
    }
    it(`ends swap-optimal (no single swap lowers the deviation) on unstructured data: ${metric}`, () => {
      for (const seed of [1, 2, 3]) {
        const X = randomData(25, 3, seed);
        const n = 25;
        const D = dissimilarities(X, X, metric);
        const model = new KMedoids({ nClusters: 4, metric, init: 'random' }).fit(X, {
          random: seed,
        });
        const medoids = Array.from(model.medoidIndices);
        expect(deviation(D, n, medoids)).toBeCloseTo(model.totalDeviation, 10);
        for (let position = 0; position < 4; position++) {
          for (let candidate = 0; candidate < n; candidate++) {
            if (medoids.includes(candidate)) continue;
            const swapped = [...medoids];
            swapped[position] = candidate;
            expect(deviation(D, n, swapped)).toBeGreaterThanOrEqual(
              model.totalDeviation * (1 - 1e-12),
            );
          }
        }
      }
    });
  }

  it('improves a poor explicit start by swapping', () => {
    const X = randomData(12, 2, 7);
    const D = dissimilarities(X, X, 'euclidean');
    const optimum = bruteForce(D, 12, 3);
    const model = new KMedoids({ nClusters: 3, init: [0, 1, 2] }).fit(X);
    expect(model.totalDeviation).toBeLessThanOrEqual(deviation(D, 12, [0, 1, 2]));
    expect(model.totalDeviation).toBeGreaterThanOrEqual(optimum.total - 1e-12);
    expect(model.swaps).toBeGreaterThan(0);
  });

  it("with metric 'precomputed' equals the Euclidean fit on the same distances", () => {
    const X = randomData(30, 3, 5);
    const D = dissimilarities(X, X, 'euclidean');
    const direct = new KMedoids({ nClusters: 4 }).fit(X);
    const pre = new KMedoids({ nClusters: 4, metric: 'precomputed' }).fit({
      rows: 30,
      cols: 30,
      data: D,
    });
    expect(Array.from(pre.medoidIndices)).toEqual(Array.from(direct.medoidIndices));
    expect(pre.totalDeviation).toBe(direct.totalDeviation);
    expect(Array.from(pre.predict({ rows: 30, cols: 30, data: D }))).toEqual(
      Array.from(direct.labels),
    );
  });

  it('labels are the nearest medoid, and the total deviation is their summed distance', () => {
    const X = loadIris().X;
    const model = new KMedoids({ nClusters: 3, metric: 'manhattan', init: 'k-means++' }).fit(X, {
      random: 2,
    });
    expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
    const distances = model.transform(X);
    let total = 0;
    for (let i = 0; i < X.rows; i++) total += distances.data[i * 3 + model.labels[i]];
    expect(model.totalDeviation).toBeCloseTo(total, 9);
    for (let m = 0; m < 3; m++) expect(model.labels[model.medoidIndices[m]]).toBe(m);
  });

  it('build, k-means++ and random starts reach the same deviation on well-separated blobs', () => {
    const { X } = blobs(200, 2, 4, 3, 20);
    const results = (['build', 'k-means++', 'random'] as const).map(
      (init) => new KMedoids({ nClusters: 4, init }).fit(X, { random: 1 }).totalDeviation,
    );
    for (const value of results) expect(value).toBeCloseTo(results[0], 6);
  });

  it('integer weights equal repeated rows', () => {
    const X = randomData(10, 2, 11);
    const weights = [1, 2, 3, 1, 1, 2, 1, 4, 1, 1];
    const repeated: number[][] = [];
    const origin: number[] = [];
    weights.forEach((w, i) => {
      for (let r = 0; r < w; r++) {
        repeated.push([X.data[2 * i], X.data[2 * i + 1]]);
        origin.push(i);
      }
    });
    const weighted = new KMedoids({ nClusters: 2 }).fit(X, { sampleWeight: weights });
    const plain = new KMedoids({ nClusters: 2 }).fit(repeated);
    expect(weighted.totalDeviation).toBeCloseTo(plain.totalDeviation, 10);
  });

  it('survives a JSON round trip', () => {
    const X = loadIris().X;
    const model = new KMedoids({ nClusters: 3 }).fit(X);
    const copy = KMedoidsModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.toJSON()).toEqual(model.toJSON());
    expect(Array.from(copy.predict(X))).toEqual(Array.from(model.predict(X)));
  });

  it('rejects bad input with InvalidInputError', () => {
    const X = [
      [0, 0],
      [1, 1],
    ];
    expect(() => new KMedoids({ nClusters: 3 }).fit(X)).toThrow(InvalidInputError);
    expect(() => new KMedoids({ nClusters: 0 })).toThrow(InvalidInputError);
    expect(() => new KMedoids({ nClusters: 1, metric: 'precomputed' }).fit([[0, 1, 2]])).toThrow(
      InvalidInputError,
    );
    expect(() =>
      new KMedoids({ nClusters: 1, metric: 'cosine' }).fit([
        [0, 0],
        [1, 1],
      ]),
    ).toThrow(InvalidInputError);
    expect(() => new KMedoids({ nClusters: 2, init: [0, 0] }).fit(X)).toThrow(InvalidInputError);
    expect(() => new KMedoids({ nClusters: 2, init: [0, 5] }).fit(X)).toThrow(InvalidInputError);
    expect(() => new KMedoids({ nClusters: 1 }).fit(X).predict([[1, 2, 3]])).toThrow(
      InvalidInputError,
    );
    expect(() => new KMedoids({ nClusters: 1 }).fit([[0, Number.NaN]])).toThrow(InvalidInputError);
  });
});
