import { createMatrix, createRandom, InvalidInputError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { unsupervisedCases } from './__fixtures__/fixtures.js';
import { calinskiHarabasz } from './calinskiHarabasz.js';
import { daviesBouldin } from './daviesBouldin.js';
import { estimateSilhouette } from './estimateSilhouette.js';
import { silhouetteSamples } from './silhouetteSamples.js';
import { silhouetteScore } from './silhouetteScore.js';

function expectAllClose(actual: ArrayLike<number>, expected: number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `entry ${i}`).toBeLessThanOrEqual(tolerance);
  }
}

describe.each(unsupervisedCases.map((c) => [c.name, c] as const))(
  'agrees with scikit-learn on %s',
  (_name, c) => {
    it('silhouetteSamples equals silhouette_samples (euclidean and sqeuclidean)', () => {
      expectAllClose(silhouetteSamples(c.X, c.labels), c.silhouetteSamples, 1e-10);
      expectAllClose(
        silhouetteSamples(c.X, c.labels, { metric: 'sqeuclidean' }),
        c.silhouetteSamplesSquared,
        1e-10,
      );
    });

    it('silhouetteScore equals silhouette_score, whatever the block size', () => {
      expect(silhouetteScore(c.X, c.labels)).toBeCloseTo(c.silhouetteScore, 10);
      expect(silhouetteScore(c.X, c.labels, { blockSize: 1 })).toBeCloseTo(c.silhouetteScore, 10);
      expect(silhouetteScore(c.X, c.labels, { blockSize: 7 })).toBeCloseTo(c.silhouetteScore, 10);
    });

    it('daviesBouldin equals davies_bouldin_score', () => {
      expect(daviesBouldin(c.X, c.labels)).toBeCloseTo(c.daviesBouldin, 10);
    });

    it('calinskiHarabasz equals calinski_harabasz_score (to 1e-12 relative)', () => {
      const value = calinskiHarabasz(c.X, c.labels);
      expect(Math.abs(value - c.calinskiHarabasz)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, c.calinskiHarabasz),
      );
    });
  },
);

describe('silhouette', () => {
  const iris = unsupervisedCases.find((c) => c.name.startsWith('iris'))!;

  it('writes into a caller-supplied out buffer and returns it', () => {
    const out = new Float64Array(iris.labels.length);
    expect(silhouetteSamples(iris.X, iris.labels, {}, out)).toBe(out);
    expectAllClose(out, iris.silhouetteSamples, 1e-10);
  });

  it('is unchanged by translating the data far from the origin (the data are centred first)', () => {
    const shifted = iris.X.map((row) => row.map((v) => v + 1e6));
    expectAllClose(silhouetteSamples(shifted, iris.labels), iris.silhouetteSamples, 1e-7);
  });

  it('the sampled estimate is exact when the sample covers every row', () => {
    const estimate = estimateSilhouette(iris.X, iris.labels, { sampleSize: 1000, random: 3 });
    expect(estimate.sampleSize).toBe(150);
    expect(estimate.standardError).toBe(0);
    expect(estimate.score).toBeCloseTo(iris.silhouetteScore, 12);
  });

  it('the sampled estimate is seeded and lies within 4 standard errors of the exact score', () => {
    const a = estimateSilhouette(iris.X, iris.labels, { sampleSize: 40, random: 11 });
    const b = estimateSilhouette(iris.X, iris.labels, { sampleSize: 40, random: createRandom(11) });
    expect(a).toEqual(b);
    expect(a.standardError).toBeGreaterThan(0);
    expect(Math.abs(a.score - iris.silhouetteScore)).toBeLessThan(4 * a.standardError);
    expect(silhouetteScore(iris.X, iris.labels, { sampleSize: 40, random: 11 })).toBe(a.score);
  });

  it('the sampled estimate averages to the exact score over many seeds (unbiased)', () => {
    let total = 0;
    const seeds = 200;
    for (let seed = 0; seed < seeds; seed++) {
      total += estimateSilhouette(iris.X, iris.labels, { sampleSize: 10, random: seed }).score;
    }
    // Per-estimate sd is below 0.1 here, so the mean of 200 is within 0.03 at > 4 sigma.
    expect(Math.abs(total / seeds - iris.silhouetteScore)).toBeLessThan(0.03);
  });

  it('stops with AbortedError when the signal has fired', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => silhouetteScore(iris.X, iris.labels, { signal: controller.signal })).toThrow(
      /aborted/,
    );
  });
});

describe('label-free metric argument checks', () => {
  const X = [
    [0, 0],
    [1, 0],
    [0, 1],
    [5, 5],
  ];
  const metrics = [silhouetteScore, daviesBouldin, calinskiHarabasz];

  it('reject one cluster and one row per cluster (needs 2 <= k <= n - 1)', () => {
    for (const metric of metrics) {
      expect(() => metric(X, [1, 1, 1, 1])).toThrow(InvalidInputError);
      expect(() => metric(X, [0, 1, 2, 3])).toThrow(/between 2 and n - 1/);
    }
  });

  it('reject a label count other than the row count, NaN data and NaN labels', () => {
    for (const metric of metrics) {
      expect(() => metric(X, [0, 0, 1])).toThrow(/labels/);
      expect(() =>
        metric(
          [
            [0, 0],
            [1, Number.NaN],
            [2, 2],
          ],
          [0, 0, 1],
        ),
      ).toThrow(/X at row 1, column 1/);
      expect(() => metric(X, [0, Number.NaN, 1, 1])).toThrow(/labels at row 1/);
      expect(() => metric([], [])).toThrow(InvalidInputError);
    }
  });

  it('accept a Matrix and rejects a bad blockSize or sampleSize', () => {
    const m = createMatrix(4, 2, Float64Array.from(X.flat()));
    expect(silhouetteScore(m, [0, 0, 0, 1])).toBe(silhouetteScore(X, [0, 0, 0, 1]));
    expect(() => silhouetteScore(m, [0, 0, 0, 1], { blockSize: 0 })).toThrow(/blockSize/);
    expect(() => estimateSilhouette(m, [0, 0, 0, 1], { sampleSize: 0 })).toThrow(/sampleSize/);
  });
});
