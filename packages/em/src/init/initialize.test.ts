import {
  type Clusterer,
  type ClusteringModel,
  createMatrix,
  createRandom,
  InvalidInputError,
} from '@mixkit/core';
import { KMeans } from '@mixkit/kmeans';
import { type UnitGaussianParams, unitGaussianFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { means, threeBlobs } from '../../test/helpers.js';
import { fitMixture } from '../run/fitMixture.js';
import type { MixtureInit } from '../run/mixtureOptions.js';

const { X, labels } = threeBlobs();
const initOnly = (init: MixtureInit<UnitGaussianParams>, extra: object = {}) =>
  fitMixture(X, {
    family: unitGaussianFamily,
    nClusters: 3,
    init,
    maxIterations: 0,
    random: 4,
    ...extra,
  });

function rowsOf(matrix: typeof X): string[] {
  return Array.from(
    { length: matrix.rows },
    (_, i) => `${matrix.data[i * 2]},${matrix.data[i * 2 + 1]}`,
  );
}

function labelMeans(assignment: ArrayLike<number>): number[][] {
  return [0, 1, 2].map((c) => {
    const rows = Array.from({ length: 150 }, (_, i) => i).filter((i) => assignment[i] === c);
    return [0, 1].map((j) => rows.reduce((s, i) => s + X.data[i * 2 + j], 0) / rows.length);
  });
}

describe('initialisation: one M-step from initial responsibilities', () => {
  it("'k-means' starts from the class means of a k-means run on the same random stream", () => {
    const viaDefault = initOnly('k-means');
    const viaClusterer = initOnly({
      kind: 'clusterer',
      clusterer: new KMeans({ nClusters: 3, nInit: 1 }),
    });
    expect(viaDefault.params).toEqual(viaClusterer.params);
    // Restart 0 draws from the first split of the fit's source.
    const random = createRandom(4).split();
    const kmeansLabels = new KMeans({ nClusters: 3, nInit: 1 }).fit(X, { random }).predict(X);
    means(viaDefault.params).forEach((mean, c) => {
      mean.forEach((v, j) => {
        expect(v).toBeCloseTo(labelMeans(kmeansLabels)[c][j], 12);
      });
    });
  });

  it('any hard clusterer can seed EM through the Clusterer interface', () => {
    const fixed: Clusterer = {
      nClusters: 3,
      fit: () => ({ predict: () => labels, nClusters: 3 }) as unknown as ClusteringModel,
    };
    const model = initOnly({ kind: 'clusterer', clusterer: fixed });
    means(model.params).forEach((mean, c) => {
      mean.forEach((v, j) => {
        expect(v).toBeCloseTo(labelMeans(labels)[c][j], 12);
      });
    });
    const wrong: Clusterer = { nClusters: 2, fit: fixed.fit };
    expect(() => initOnly({ kind: 'clusterer', clusterer: wrong })).toThrow(/3 clusters/);
  });

  it("'k-means++' and 'random-from-data' start each component at a distinct data row", () => {
    const rows = new Set(rowsOf(X));
    for (const init of ['k-means++', 'random-from-data'] as const) {
      const starts = means(initOnly(init).params).map((m) => m.join(','));
      expect(new Set(starts).size).toBe(3);
      for (const start of starts) expect(rows.has(start)).toBe(true);
      expect(Array.from(initOnly(init).weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    }
  });

  it("'random' draws row by row, so the start does not depend on the block size", () => {
    const a = initOnly('random', { blockSize: 7 });
    const b = initOnly('random', { blockSize: 256 });
    // Equal up to summation order (sums are taken per block).
    means(a.params).forEach((mean, c) => {
      mean.forEach((v, j) => {
        expect(v).toBeCloseTo(means(b.params)[c][j], 13);
      });
    });
    a.weights.forEach((w, c) => {
      expect(w).toBeCloseTo(b.weights[c], 14);
    });
  });

  it('given labels and given responsibilities start from their weighted means', () => {
    const fromLabels = initOnly({ kind: 'labels', labels });
    const oneHot = createMatrix(150, 3);
    labels.forEach((label, i) => {
      oneHot.data[i * 3 + label] = 2; // rows are normalised
    });
    const fromResponsibilities = initOnly({ kind: 'responsibilities', responsibilities: oneHot });
    expect(means(fromResponsibilities.params)).toEqual(means(fromLabels.params));
    expect(() => initOnly({ kind: 'labels', labels: [1, 2] })).toThrow(/one label per row/);
    const outOfRange = Int32Array.from(labels);
    outOfRange[9] = 3;
    expect(() => initOnly({ kind: 'labels', labels: outOfRange })).toThrow(/row 9/);
  });

  it('given parameters are used as they are, with given or uniform weights', () => {
    const params = [
      [0, 0],
      [6, 6],
      [0, 9],
    ].map((m) => ({ mean: Float64Array.from(m) }));
    const model = initOnly({ kind: 'params', params, weights: [1, 1, 2] });
    expect(model.params).toEqual(params);
    expect(Array.from(model.weights)).toEqual([0.25, 0.25, 0.5]);
    expect(() => initOnly({ kind: 'params', params: params.slice(1) })).toThrow(InvalidInputError);
    const wrongDimension = [...params.slice(1), { mean: Float64Array.from([1, 2, 3]) }];
    expect(() => initOnly({ kind: 'params', params: wrongDimension })).toThrow(
      /describes 3 columns/,
    );
  });
});
