import { InvalidInputError } from '@mixkit/core';
import { loadFaithful } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from '../src/gaussianMixture.js';
import { modelBasedHierarchical } from '../src/hierarchical/modelBasedHierarchical.js';

describe('GaussianMixture from the hierarchical start (tree.init(k))', () => {
  const X = loadFaithful().X;
  const tree = modelBasedHierarchical(X);
  const labels = tree.labels(3);

  it('starts from the means and weights of the hierarchical partition (maxIterations 0)', () => {
    const model = new GaussianMixture({ nClusters: 3, init: tree.init(3), maxIterations: 0 }).fit(
      X,
    );
    for (let c = 0; c < 3; c++) {
      let count = 0;
      const mean = [0, 0];
      for (let i = 0; i < X.rows; i++) {
        if (labels[i] !== c) continue;
        count++;
        mean[0] += X.data[i * 2];
        mean[1] += X.data[i * 2 + 1];
      }
      expect(model.weights[c]).toBeCloseTo(count / X.rows, 14);
      expect(model.means.data[c * 2]).toBeCloseTo(mean[0] / count, 10);
      expect(model.means.data[c * 2 + 1]).toBeCloseTo(mean[1] / count, 10);
    }
  });

  it('is deterministic: every restart and seed gives the same fit', () => {
    const a = new GaussianMixture({ nClusters: 3, init: tree.init(3), nInit: 2 }).fit(X, {
      random: 1,
    });
    const b = new GaussianMixture({ nClusters: 3, init: tree.init(3) }).fit(X, { random: 7 });
    expect(a.lowerBound).toBe(b.lowerBound);
    expect(Array.from(a.predict(X))).toEqual(Array.from(b.predict(X)));
  });
});

describe('the agglomeration on too many rows', () => {
  it('refuses, before allocating its pair costs, with a typed error naming the size and the way out', () => {
    const rows = 23_171;
    const X = { rows, cols: 2, data: new Float64Array(rows * 2).map((_, i) => i % 7) };
    let caught: unknown;
    try {
      modelBasedHierarchical(X);
    } catch (error) {
      caught = error;
    }
    expect(InvalidInputError.isInstance(caught)).toBe(true);
    expect(String(caught)).toMatch(/2\.0 GiB.*at most 23170 rows.*subset.*got "23171 rows"/);
  });
});
