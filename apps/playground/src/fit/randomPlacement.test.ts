import type { Matrix } from '@mixkit/core';
import type {
  GammaParams,
  GaussianDiagParams,
  GaussianFullParams,
  LogNormalParams,
} from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { columnVariances, randomPlacement } from './randomPlacement.js';

const X: Matrix = {
  rows: 6,
  cols: 2,
  data: new Float64Array([1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60]),
};
const rowsOf = (matrix: Matrix) =>
  Array.from({ length: matrix.rows }, (_, i) =>
    Array.from(matrix.data.slice(i * matrix.cols, (i + 1) * matrix.cols)),
  );

describe('columnVariances', () => {
  it('is the population variance of each column, and 1 for a constant column', () => {
    // 1..6: mean 3.5, variance 35/12.
    expect(Array.from(columnVariances(X))).toEqual(
      [35 / 12, 3500 / 12].map((v) => expect.closeTo(v, 12)),
    );
    const constant: Matrix = { rows: 3, cols: 1, data: new Float64Array([2, 2, 2]) };
    expect(Array.from(columnVariances(constant))).toEqual([1]);
  });
});

describe('randomPlacement', () => {
  it('centres each Gaussian on a distinct data row with 1/k of the data deviation, equal weights', () => {
    const init = randomPlacement(X, ['gaussian', 'gaussian', 'gaussian'], 'full', 7);
    expect(init.kind).toBe('params');
    expect(Array.from(init.weights ?? [])).toEqual([1 / 3, 1 / 3, 1 / 3]);
    const means = init.params.map((p) => Array.from((p as GaussianFullParams).mean));
    const rows = rowsOf(X);
    for (const mean of means) expect(rows).toContainEqual(mean);
    expect(new Set(means.map(String)).size).toBe(3);
    const variances = columnVariances(X);
    const cov = (init.params[0] as GaussianFullParams).covariance;
    expect(Array.from(cov)).toEqual([
      (variances[0] as number) / 9,
      0,
      0,
      (variances[1] as number) / 9,
    ]);
  });

  it('is repeatable under a seed and differs between seeds', () => {
    const means = (seed: number) =>
      randomPlacement(X, ['gaussian', 'gaussian'], 'diag', seed).params.map((p) =>
        Array.from((p as GaussianDiagParams).mean),
      );
    expect(means(3)).toEqual(means(3));
    const distinct = new Set([0, 1, 2, 3, 4, 5].map((seed) => JSON.stringify(means(seed))));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it('gives gamma and log-normal components the mean of their row and the start variance', () => {
    const init = randomPlacement(X, ['gamma', 'lognormal'], 'full', 1);
    const variances = columnVariances(X).map((v) => v / 4);
    const gamma = init.params[0] as GammaParams;
    const rows = rowsOf(X);
    const gammaMean = Array.from(gamma.shapes, (a, j) => a / (gamma.rates[j] as number));
    expect(rows).toContainEqual(gammaMean.map((m) => expect.closeTo(m, 12)));
    gamma.shapes.forEach((a, j) => {
      const b = gamma.rates[j] as number;
      expect(a / (b * b)).toBeCloseTo(variances[j] as number, 9);
    });
    const logNormal = init.params[1] as LogNormalParams;
    logNormal.means.forEach((mu, j) => {
      const s = logNormal.variances[j] as number;
      const mean = Math.exp(mu + s / 2);
      expect(Math.expm1(s) * mean * mean).toBeCloseTo(variances[j] as number, 9);
    });
  });

  it('places spherical Gaussians with the mean column variance (k = 1: the data variance)', () => {
    const init = randomPlacement(X, ['gaussian'], 'spherical', 0);
    const variances = columnVariances(X);
    expect((init.params[0] as { variance: number }).variance).toBeCloseTo(
      ((variances[0] as number) + (variances[1] as number)) / 2,
      12,
    );
  });

  it('refuses more components than rows', () => {
    const tiny: Matrix = { rows: 1, cols: 2, data: new Float64Array([1, 2]) };
    expect(() => randomPlacement(tiny, ['gaussian', 'gaussian'], 'full', 0)).toThrow(
      /1 rows cannot place 2/,
    );
  });
});
