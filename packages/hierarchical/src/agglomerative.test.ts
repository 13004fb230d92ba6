import { readFileSync } from 'node:fs';
import { AbortedError, InvalidInputError, type Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { AgglomerativeClustering } from './agglomerativeClustering.js';
import { AgglomerativeModel } from './agglomerativeModel.js';
import { cutTree } from './cutTree.js';
import { linkageMatrix } from './linkageMatrix.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/scipy-linkage.json', import.meta.url), 'utf8'),
) as {
  sets: Record<string, { rows: number; cols: number; data: number[]; linkage: { ward: number[] } }>;
};

function set(name: string): Matrix {
  const s = fixture.sets[name];
  if (s === undefined) throw new Error(name);
  return { rows: s.rows, cols: s.cols, data: Float64Array.from(s.data) };
}

const roundTrip = (json: unknown) => JSON.parse(JSON.stringify(json)) as unknown;

describe('Ward strategies', () => {
  for (const name of ['blobs-noise', 'blobs6d']) {
    it(`${name}: the centroid chain (n·d memory) gives SciPy's merges and heights to 1e-12 on data without ties`, () => {
      const X = set(name);
      const Z = linkageMatrix(X, { linkage: 'ward', wardStrategy: 'centroids' });
      const expected = fixture.sets[name].linkage.ward;
      for (let t = 0; t < Z.length; t++) {
        if (t % 4 === 2) expect(Math.abs(Z[t] - expected[t])).toBeLessThanOrEqual(1e-12);
        else expect(Z[t]).toBe(expected[t]);
      }
    });
  }
});

describe('cutTree', () => {
  // Rows 0,1 merge at 1; rows 2,3 at 2; the pairs at 5.
  const Z = Float64Array.from([0, 1, 1, 2, 2, 3, 2, 2, 4, 5, 5, 4]);
  it('undoes the last k − 1 merges and numbers clusters by their first row', () => {
    expect(Array.from(cutTree(Z, 4, { nClusters: 1 }))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutTree(Z, 4, { nClusters: 2 }))).toEqual([0, 0, 1, 1]);
    expect(Array.from(cutTree(Z, 4, { nClusters: 3 }))).toEqual([0, 0, 1, 2]);
    expect(Array.from(cutTree(Z, 4, { nClusters: 4 }))).toEqual([0, 1, 2, 3]);
  });
  it('keeps the merges below a distance threshold (a merge at the threshold is not made)', () => {
    expect(Array.from(cutTree(Z, 4, { distanceThreshold: 2 }))).toEqual([0, 0, 1, 2]);
    expect(Array.from(cutTree(Z, 4, { distanceThreshold: 2.5 }))).toEqual([0, 0, 1, 1]);
    expect(Array.from(cutTree(Z, 4, { distanceThreshold: 10 }))).toEqual([0, 0, 0, 0]);
  });
  it('rejects a linkage of the wrong shape or with forward references', () => {
    expect(() => cutTree(Z, 5, { nClusters: 2 })).toThrow(InvalidInputError);
    expect(() =>
      cutTree(Float64Array.from([0, 7, 1, 2, 2, 3, 2, 2, 4, 5, 5, 4]), 4, { nClusters: 2 }),
    ).toThrow(/linkage/);
  });
});

describe('AgglomerativeClustering', () => {
  const X = set('blobs-noise');

  it('model.cut re-cuts the same dendrogram without a refit', () => {
    const model = new AgglomerativeClustering({ nClusters: 3 }).fit(X);
    const five = new AgglomerativeClustering({ nClusters: 5 }).fit(X);
    expect(Array.from(model.cut({ nClusters: 5 }).labels)).toEqual(Array.from(five.labels));
    expect(model.heights.length).toBe(X.rows - 1);
  });

  it('predict gives training rows their own label and new rows their nearest training row label', () => {
    for (const linkage of ['ward', 'single'] as const) {
      const model = new AgglomerativeClustering({ linkage, nClusters: 3 }).fit(X);
      expect(Array.from(model.predict(X))).toEqual(Array.from(model.labels));
      const shifted = { rows: 5, cols: 2, data: X.data.slice(0, 10).map((v) => v + 1e-6) };
      expect(Array.from(model.predict(shifted))).toEqual(Array.from(model.labels.slice(0, 5)));
    }
  });

  it('repeats bit for bit and round-trips through JSON exactly', () => {
    const model = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 }).fit(X);
    const again = new AgglomerativeClustering({ linkage: 'average', nClusters: 4 }).fit(X);
    expect(again.linkage).toEqual(model.linkage);
    const restored = AgglomerativeModel.fromJSON(roundTrip(model.toJSON()));
    expect(restored.toJSON()).toEqual(model.toJSON());
    expect(Array.from(restored.predict(X))).toEqual(Array.from(model.predict(X)));
  });

  it('manhattan and precomputed distances give the same tree for complete linkage', () => {
    const n = X.rows;
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        D[i * n + j] =
          Math.abs(X.data[2 * i] - X.data[2 * j]) + Math.abs(X.data[2 * i + 1] - X.data[2 * j + 1]);
    const a = linkageMatrix(X, { linkage: 'complete', metric: 'manhattan' });
    const b = linkageMatrix(
      { rows: n, cols: n, data: D },
      { linkage: 'complete', metric: 'precomputed' },
    );
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('rejects bad options and input with typed errors, and stops on an aborted signal', () => {
    expect(() => new AgglomerativeClustering({ nClusters: 2, distanceThreshold: 1 })).toThrow(
      InvalidInputError,
    );
    expect(() => new AgglomerativeClustering({ nClusters: 0 })).toThrow(/nClusters/);
    expect(() => new AgglomerativeClustering({ nClusters: 500 }).fit(X)).toThrow(/nClusters/);
    expect(() => linkageMatrix(X, { linkage: 'ward', metric: 'manhattan' })).toThrow(/Ward/);
    expect(() =>
      new AgglomerativeClustering().fit(X, { sampleWeight: new Array(X.rows).fill(1) }),
    ).toThrow(InvalidInputError);
    expect(() => new AgglomerativeClustering().fit(X).predict([[1, 2, 3]])).toThrow(
      InvalidInputError,
    );
    expect(() =>
      new AgglomerativeClustering({ connectivity: { kind: 'edges', from: [0], to: [999] } }).fit(X),
    ).toThrow(/connectivity.to/);
    const controller = new AbortController();
    controller.abort();
    for (const linkage of ['ward', 'complete', 'single'] as const) {
      expect(() =>
        new AgglomerativeClustering({ linkage }).fit(X, { signal: controller.signal }),
      ).toThrow(AbortedError);
    }
  });
});

describe('rows of extreme magnitude (issue 16)', () => {
  const scaled = (X: Matrix, factor: number): Matrix => ({
    ...X,
    data: X.data.map((v) => v * factor),
  });

  for (const linkage of ['ward', 'complete', 'average', 'single'] as const) {
    it(`${linkage}: rows times 1e300 or 1e-300 give the merges of the rows as given, heights scaled alike`, () => {
      const X = set('blobs-noise');
      const Z = linkageMatrix(X, { linkage });
      for (const factor of [1e300, 1e-300]) {
        const Zs = linkageMatrix(scaled(X, factor), { linkage });
        for (let t = 0; t < Z.length; t++) {
          if (t % 4 === 2) expect(Zs[t] / factor).toBeCloseTo(Z[t], 9);
          else expect(Zs[t]).toBe(Z[t]);
        }
        const model = new AgglomerativeClustering({ nClusters: 3, linkage }).fit(scaled(X, factor));
        const plain = new AgglomerativeClustering({ nClusters: 3, linkage }).fit(X);
        expect(model.labels).toEqual(plain.labels);
        expect(model.predict(scaled(X, factor))).toEqual(plain.labels);
      }
    });
  }

  it('scaling by powers of two is exact: heights of X·2^1000 and X·2^-1000 differ by exactly 2^2000', () => {
    const X = set('blobs6d');
    const up = linkageMatrix(scaled(X, 2 ** 1000), { linkage: 'average' });
    const down = linkageMatrix(scaled(X, 2 ** -1000), { linkage: 'average' });
    for (let t = 2; t < up.length; t += 4) expect(up[t] * 2 ** -1000).toBe(down[t] * 2 ** 1000);
  });
});
