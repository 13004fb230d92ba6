import { createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { componentMoments } from '../test/moments.js';
import { makeBernoulliMixture } from './makeBernoulliMixture.js';

describe('makeBernoulliMixture', () => {
  it('returns n x d binary data, labels in [0, k) and k x d probabilities in [0, 1]', () => {
    const { X, labels, parameters } = makeBernoulliMixture({
      nSamples: 30,
      nClusters: 2,
      nFeatures: 7,
    });
    expect([X.rows, X.cols]).toEqual([30, 7]);
    expect(X.data.every((v) => v === 0 || v === 1)).toBe(true);
    expect(labels.every((l) => l === 0 || l === 1)).toBe(true);
    expect([parameters.probabilities.rows, parameters.probabilities.cols]).toEqual([2, 7]);
    expect(parameters.probabilities.data.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('is deterministic under a seed', () => {
    const a = makeBernoulliMixture({ nSamples: 50, random: 4 });
    const b = makeBernoulliMixture({ nSamples: 50, random: createRandom(4) });
    expect(b.X.data).toEqual(a.X.data);
    expect(b.labels).toEqual(a.labels);
    expect(makeBernoulliMixture({ nSamples: 50, random: 5 }).X.data).not.toEqual(a.X.data);
  });

  it('reproduces values pinned at seed 42 (regression pin, computed by this generator)', () => {
    const { X, labels, parameters } = makeBernoulliMixture({
      nSamples: 4,
      nClusters: 2,
      nFeatures: 3,
      random: 42,
    });
    expect(Array.from(parameters.probabilities.data)).toEqual(PINNED.probabilities);
    expect(Array.from(X.data)).toEqual(PINNED.X);
    expect(Array.from(labels)).toEqual(PINNED.labels);
  });

  it('has per-component column means near the true probabilities', () => {
    const probabilities = [
      [0.9, 0.1, 0.5, 0.02],
      [0.2, 0.7, 0.5, 0.98],
    ];
    const { X, labels } = makeBernoulliMixture({
      nSamples: 8000,
      probabilities,
      weights: [1, 3],
      random: 2,
    });
    for (let c = 0; c < 2; c++) {
      const { count, mean } = componentMoments(X, labels, c);
      expect(count).toBe(c === 0 ? 2000 : 6000);
      for (let j = 0; j < 4; j++) {
        const p = probabilities[c][j];
        expect(Math.abs(mean[j] - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / count));
      }
    }
  });

  it('throws InvalidInputError for bad probabilities and weights', () => {
    expect(() => makeBernoulliMixture({ probabilities: [[0.5, 1.5]] })).toThrow(
      /probabilities at row 0, column 1/,
    );
    expect(() => makeBernoulliMixture({ probabilities: [[0.5, 0.5]], weights: [1, 1] })).toThrow(
      InvalidInputError,
    );
    expect(() => makeBernoulliMixture({ concentration: 0 })).toThrow(/concentration/);
    expect(() => makeBernoulliMixture({ nFeatures: 0 })).toThrow(/nFeatures/);
  });
});

/** Values this generator produced at seed 42 when the test was written (see makeBlobs.test). */
const PINNED = {
  probabilities: [
    0.027675244699223455, 0.1401472930706271, 0.06657689311468451, 0.1565544799136515,
    0.4518341125116934, 0.8286824878244086,
  ],
  X: [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0],
  labels: [0, 0, 1, 1],
};
