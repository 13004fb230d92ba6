import { describe, expect, it } from 'vitest';
import { loadFaithful } from './loadFaithful.js';
import { loadIris } from './loadIris.js';
import { loadWine } from './loadWine.js';

function classCounts(labels: Int32Array | undefined): number[] {
  const counts: number[] = [];
  for (const l of labels ?? []) counts[l] = (counts[l] ?? 0) + 1;
  return counts;
}

describe('bundled real data sets', () => {
  it('loadIris: 150 x 4, 50 rows per species, Fisher first row', () => {
    const { X, labels, featureNames, targetNames } = loadIris();
    expect([X.rows, X.cols]).toEqual([150, 4]);
    expect(featureNames).toHaveLength(4);
    expect(targetNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(classCounts(labels)).toEqual([50, 50, 50]);
    expect(Array.from(X.data.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
  });

  it('loadWine: 178 x 13 with 59, 71 and 48 rows per cultivar', () => {
    const { X, labels, featureNames } = loadWine();
    expect([X.rows, X.cols]).toEqual([178, 13]);
    expect(featureNames).toHaveLength(13);
    expect(classCounts(labels)).toEqual([59, 71, 48]);
  });

  it('loadFaithful: 272 x 2, no labels', () => {
    const data = loadFaithful();
    expect([data.X.rows, data.X.cols]).toEqual([272, 2]);
    expect(data.labels).toBeUndefined();
    expect(data.featureNames).toHaveLength(2);
  });

  it('every load returns a fresh copy that callers may modify', () => {
    const first = loadIris();
    first.X.data[0] = -1;
    expect(loadIris().X.data[0]).toBe(5.1);
  });

  it('all values are finite', () => {
    for (const data of [loadIris(), loadWine(), loadFaithful()]) {
      expect(data.X.data.every(Number.isFinite)).toBe(true);
    }
  });
});
