import { createRandom, InvalidInputError } from '@mixkit/core';
import { cholesky } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { componentMoments } from '../test/moments.js';
import { makeGaussianMixture } from './makeGaussianMixture.js';

describe('makeGaussianMixture', () => {
  it('returns n x d data, labels in [0, k), weights summing to 1 and k covariances', () => {
    const { X, labels, parameters } = makeGaussianMixture({
      nSamples: 101,
      nClusters: 4,
      nFeatures: 3,
    });
    expect([X.rows, X.cols]).toEqual([101, 3]);
    expect(labels.every((l) => l >= 0 && l < 4)).toBe(true);
    expect(parameters.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect([parameters.means.rows, parameters.means.cols]).toEqual([4, 3]);
    expect(parameters.covariances.map((c) => [c.rows, c.cols])).toEqual(Array(4).fill([3, 3]));
  });

  it('gives each component round(n w) rows (largest remainder)', () => {
    const { labels } = makeGaussianMixture({ nSamples: 10, weights: [0.55, 0.3, 0.15] });
    const counts = [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    // 5.5, 3, 1.5 -> floors 5, 3, 1 and one more row to the first of the tied remainders.
    expect(counts).toEqual([6, 3, 1]);
  });

  it('is deterministic under a seed', () => {
    const a = makeGaussianMixture({ nSamples: 40, random: 5 });
    const b = makeGaussianMixture({ nSamples: 40, random: createRandom(5) });
    expect(b.X.data).toEqual(a.X.data);
    expect(b.labels).toEqual(a.labels);
    expect(makeGaussianMixture({ nSamples: 40, random: 6 }).X.data).not.toEqual(a.X.data);
  });

  it('reproduces values pinned at seed 42 (regression pin, computed by this generator)', () => {
    const { X, labels, parameters } = makeGaussianMixture({
      nSamples: 5,
      nClusters: 2,
      random: 42,
    });
    expect(Array.from(parameters.covariances[0].data)).toEqual(PINNED.covariance0);
    expect(Array.from(X.data.subarray(0, 4))).toEqual(PINNED.firstRows);
    expect(Array.from(labels)).toEqual(PINNED.labels);
  });

  it('draws symmetric covariances with eigenvalues in varianceRange', () => {
    const { parameters } = makeGaussianMixture({
      nClusters: 5,
      nFeatures: 4,
      varianceRange: [0.25, 3],
      random: 9,
    });
    for (const sigma of parameters.covariances) {
      const a = sigma.data;
      let trace = 0;
      for (let i = 0; i < 4; i++) {
        trace += a[i * 4 + i];
        for (let j = 0; j < 4; j++) expect(a[i * 4 + j]).toBe(a[j * 4 + i]);
      }
      // The trace is the sum of the eigenvalues; Sigma - 0.25 I and 3 I - Sigma must be PD
      // (up to a hair for the eigenvalues drawn at the ends of the range).
      expect(trace).toBeGreaterThan(4 * 0.25);
      expect(trace).toBeLessThan(4 * 3);
      const shiftedDown = Float64Array.from(a, (v, t) => (t % 5 === 0 ? v - 0.2499 : v));
      const shiftedUp = Float64Array.from(a, (v, t) => (t % 5 === 0 ? 3.0001 - v : -v));
      expect(cholesky(4, shiftedDown).ok).toBe(true);
      expect(cholesky(4, shiftedUp).ok).toBe(true);
    }
  });

  it('has per-component sample means and covariances near the true ones', () => {
    const means = [
      [0, 0],
      [8, 3],
    ];
    const covariances = [
      [
        [2, 1.2],
        [1.2, 1],
      ],
      [
        [0.5, -0.3],
        [-0.3, 3],
      ],
    ];
    const n = 20000;
    const { X, labels } = makeGaussianMixture({ nSamples: n, means, covariances, random: 1 });
    for (let c = 0; c < 2; c++) {
      const moments = componentMoments(X, labels, c);
      expect(moments.count).toBe(n / 2);
      const sigma = covariances[c];
      for (let i = 0; i < 2; i++) {
        const se = Math.sqrt(sigma[i][i] / moments.count);
        expect(Math.abs(moments.mean[i] - means[c][i])).toBeLessThan(5 * se);
        for (let j = 0; j < 2; j++) {
          // sd of a sample covariance entry is sqrt((s_ii s_jj + s_ij^2) / n); 5 of them.
          const tolerance =
            5 * Math.sqrt((sigma[i][i] * sigma[j][j] + sigma[i][j] ** 2) / moments.count);
          expect(Math.abs(moments.covariance[i * 2 + j] - sigma[i][j])).toBeLessThan(tolerance);
        }
      }
    }
  });

  it('throws InvalidInputError for bad covariances, weights and shapes', () => {
    const notPd = [
      [1, 2],
      [2, 1],
    ];
    const asymmetric = [
      [1, 0.5],
      [0.4, 1],
    ];
    const ok = [
      [1, 0],
      [0, 1],
    ];
    expect(() => makeGaussianMixture({ covariances: [ok, notPd] })).toThrow(
      /covariances\[1\].*not positive definite/,
    );
    expect(() => makeGaussianMixture({ covariances: [asymmetric] })).toThrow(
      /covariances\[0\] at row 1, column 0.*not symmetric/,
    );
    expect(() => makeGaussianMixture({ covariances: [ok, ok], means: [[0, 0]] })).toThrow(
      InvalidInputError,
    );
    expect(() => makeGaussianMixture({ weights: [1, -1] })).toThrow(/weights at row 1/);
    expect(() => makeGaussianMixture({ weights: [0, 0] })).toThrow(/weights/);
    expect(() => makeGaussianMixture({ means: [[0, 0, 0]], covariances: [ok] })).toThrow(
      /covariances\[0\]/,
    );
    expect(() => makeGaussianMixture({ varianceRange: [0, 1] })).toThrow(/varianceRange/);
  });
});

/** Values this generator produced at seed 42 when the test was written (see makeBlobs.test). */
const PINNED = {
  covariance0: [1.447531616472706, 0.10045701427351461, 0.10045701427351461, 1.5702318698260966],
  firstRows: [-11.565412413113336, 5.6395039195027135, 7.161326822001049, 4.347288018308544],
  labels: [0, 1, 0, 1, 0],
};
