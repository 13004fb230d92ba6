import { createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { componentMoments } from '../test/moments.js';
import { makeBlobs } from './makeBlobs.js';

describe('makeBlobs', () => {
  it('returns n x d data, labels in [0, k) and the true parameters', () => {
    const { X, labels, parameters } = makeBlobs({ nSamples: 10, nFeatures: 4, centers: 3 });
    expect([X.rows, X.cols, X.data.length]).toEqual([10, 4, 40]);
    expect(labels.length).toBe(10);
    expect(labels.every((l) => l >= 0 && l < 3)).toBe(true);
    expect([parameters.centers.rows, parameters.centers.cols]).toEqual([3, 4]);
    // scikit-learn's split: n // k each, the remainder to the first blobs.
    const counts = [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    expect(counts).toEqual([4, 3, 3]);
    expect(Array.from(parameters.weights)).toEqual([0.4, 0.3, 0.3]);
  });

  it('is deterministic under a seed, and a seed and a source with that seed agree', () => {
    const a = makeBlobs({ nSamples: 50, random: 7 });
    const b = makeBlobs({ nSamples: 50, random: createRandom(7) });
    const c = makeBlobs({ nSamples: 50, random: 8 });
    expect(b.X.data).toEqual(a.X.data);
    expect(b.labels).toEqual(a.labels);
    expect(c.X.data).not.toEqual(a.X.data);
  });

  it('reproduces values pinned at seed 42 (regression pin, computed by this generator)', () => {
    const { X, labels, parameters } = makeBlobs({ nSamples: 6, centers: 2, random: 42 });
    expect(Array.from(parameters.centers.data)).toEqual(PINNED.centers);
    expect(Array.from(X.data.subarray(0, 4))).toEqual(PINNED.firstRows);
    expect(Array.from(labels)).toEqual(PINNED.labels);
  });

  it('draws centers inside centerBox', () => {
    const { parameters } = makeBlobs({ centers: 20, nFeatures: 3, centerBox: [2, 3] });
    expect(parameters.centers.data.every((v) => v >= 2 && v < 3)).toBe(true);
  });

  it('has per-blob sample means and standard deviations near the true ones', () => {
    const centers = [
      [0, 0],
      [10, -5],
      [-8, 7],
    ];
    const clusterStd = [0.5, 1, 2];
    const { X, labels } = makeBlobs({ nSamples: 6000, centers, clusterStd, random: 3 });
    for (let c = 0; c < 3; c++) {
      const { count, mean, covariance } = componentMoments(X, labels, c);
      expect(count).toBe(2000);
      const sd = clusterStd[c];
      for (let j = 0; j < 2; j++) {
        // Standard error sd / sqrt(2000); 5 standard errors.
        expect(Math.abs(mean[j] - centers[c][j])).toBeLessThan((5 * sd) / Math.sqrt(2000));
        expect(Math.sqrt(covariance[j * 2 + j]) / sd).toBeCloseTo(1, 1);
      }
      expect(Math.abs(covariance[1]) / sd ** 2).toBeLessThan(0.1);
    }
  });

  it('accepts one count per blob and keeps rows grouped when shuffle is false', () => {
    const { labels } = makeBlobs({ nSamples: [2, 0, 3], shuffle: false });
    expect(Array.from(labels)).toEqual([0, 0, 2, 2, 2]);
  });

  it('throws InvalidInputError for inconsistent or invalid options', () => {
    expect(() => makeBlobs({ nSamples: [2, 3], centers: 3 })).toThrow(InvalidInputError);
    expect(() => makeBlobs({ nSamples: [2, 3], centers: [[0, 0]] })).toThrow(/centers/);
    expect(() => makeBlobs({ clusterStd: -1 })).toThrow(/clusterStd at row 0/);
    expect(() => makeBlobs({ clusterStd: [1, 2] })).toThrow(/clusterStd/);
    expect(() => makeBlobs({ nSamples: 0 })).toThrow(/nSamples/);
    expect(() => makeBlobs({ nSamples: [0, 0] })).toThrow(/nSamples/);
    expect(() => makeBlobs({ centerBox: [1, 1] })).toThrow(/centerBox/);
    expect(() => makeBlobs({ centers: [[0, Number.NaN]] })).toThrow(/centers at row 0, column 1/);
  });
});

/**
 * Values this generator produced at seed 42 when the test was written: they change only if the
 * draw order or core's random source changes, which would break every user's seeded data.
 */
const PINNED = {
  centers: [-8.92731235010075, 4.6118428483703315, 8.277087593817857, 3.437485945918974],
  firstRows: [-10.315988638805054, 5.390927055913857, -8.67778262226405, 4.84080483221062],
  labels: [0, 0, 1, 1, 0, 1],
};
