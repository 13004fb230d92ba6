import { DisposedDataError, InvalidInputError, type Matrix } from '@mixkit/core';
import { loadIris, makeBlobs } from '@mixkit/datasets';
import { type CovarianceType, gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { fitMixture, selectMixture } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { prepareData, setKernelCompilation } from '@mixkit/linalg';
import { afterEach, describe, expect, it } from 'vitest';
import { GaussianMixture } from './gaussianMixture.js';

// 6000 x 16 = 96,000 values: above em's threshold, so a plain fit copies the rows into kernel
// memory itself, and a fit on prepared data reads them where prepareData put them.
const { X: blobs } = makeBlobs({ nSamples: 6000, nFeatures: 16, centers: 5, random: 3 });
// Iris (600 values) stays in ordinary arrays in a plain fit: prepared, it runs in kernel memory.
const iris = loadIris().X;
const types: CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

/** The fitted model as JSON text: equal text, equal bits (shortest round-trip decimals). */
const bits = (model: { toJSON(): unknown }): string => JSON.stringify(model.toJSON());

afterEach(() => setKernelCompilation(true));

describe('prepared data', () => {
  it('is checked and placed once: same values, column ranges, in kernel memory', () => {
    const prepared = prepareData(blobs);
    expect(prepared.inKernelMemory).toBe(true);
    expect([prepared.rows, prepared.cols]).toEqual([6000, 16]);
    expect(prepared.data).not.toBe(blobs.data);
    expect(prepared.data.every((v, i) => Object.is(v, blobs.data[i]))).toBe(true);
    for (let j = 0; j < 16; j++) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < 6000; i++) {
        min = Math.min(min, blobs.data[i * 16 + j]);
        max = Math.max(max, blobs.data[i * 16 + j]);
      }
      expect([prepared.columnMin[j], prepared.columnMax[j]]).toEqual([min, max]);
    }
    // Preparing prepared data returns it.
    expect(prepareData(prepared)).toBe(prepared);
  });

  it.each(types)(
    '%s: GaussianMixture on prepared data gives the bits of a fresh fit, across k and nInit',
    (covarianceType) => {
      const prepared = prepareData(blobs);
      for (const [nClusters, nInit] of [
        [3, 1],
        [5, 2],
      ]) {
        const gmm = new GaussianMixture({ nClusters, covarianceType, nInit, maxIterations: 15 });
        const fresh = gmm.fit(blobs, { random: 7 });
        const reused = gmm.fit(prepared, { random: 7 });
        expect(bits(reused)).toBe(bits(fresh));
        expect(reused.diagnostics.objective).toEqual(fresh.diagnostics.objective);
        expect(reused.diagnostics.restartObjectives).toEqual(fresh.diagnostics.restartObjectives);
        expect(reused.predict(prepared)).toEqual(fresh.predict(blobs));
        expect(reused.score(prepared)).toBe(fresh.score(blobs));
      }
    },
  );

  it('small data: a prepared fit (kernel memory) equals the plain one (JavaScript arrays)', () => {
    const prepared = prepareData(iris);
    expect(prepared.inKernelMemory).toBe(true);
    for (const covarianceType of types) {
      const gmm = new GaussianMixture({ nClusters: 3, covarianceType, nInit: 2 });
      expect(bits(gmm.fit(prepared, { random: 1 }))).toBe(bits(gmm.fit(iris, { random: 1 })));
    }
  });

  it('without WebAssembly it is an ordinary copy, and fits still give the same bits', () => {
    const fresh = new GaussianMixture({ nClusters: 4, covarianceType: 'diag' }).fit(blobs, {
      random: 2,
    });
    setKernelCompilation(false);
    const prepared = prepareData(blobs);
    expect(prepared.inKernelMemory).toBe(false);
    const reused = new GaussianMixture({ nClusters: 4, covarianceType: 'diag' }).fit(prepared, {
      random: 2,
    });
    expect(bits(reused)).toBe(bits(fresh));
  });

  it('KMeans, fitMixture and selectMixture reuse it with the same bits', () => {
    const prepared = prepareData(blobs);
    for (const algorithm of ['lloyd', 'elkan'] as const) {
      const kmeans = new KMeans({ nClusters: 5, nInit: 2, algorithm });
      const fresh = kmeans.fit(blobs, { random: 4 });
      const reused = kmeans.fit(prepared, { random: 4 });
      expect(reused.labels).toEqual(fresh.labels);
      expect(reused.centers.data).toEqual(fresh.centers.data);
      expect(reused.inertia).toBe(fresh.inertia);
    }
    const options = { family: gaussianFull(), nClusters: 4, random: 9 } as const;
    expect(bits(fitMixture(prepared, options))).toBe(bits(fitMixture(blobs, options)));
    const grid = { nClusters: [2, 5], families: { full: gaussianFull(), diag: gaussianDiag() } };
    const fresh = selectMixture(blobs, { grid, random: 5 });
    const reused = selectMixture(prepared, { grid, random: 5 });
    expect(reused.table).toEqual(fresh.table);
    expect(bits(reused.model)).toBe(bits(fresh.model));
  });

  it('refuses bad values when prepared, naming the row and column', () => {
    const data = Float64Array.from(blobs.data);
    data[1234 * 16 + 5] = Number.POSITIVE_INFINITY;
    const bad: Matrix = { rows: 6000, cols: 16, data };
    const error = (() => {
      try {
        prepareData(bad);
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 1234, column: 5 });
  });

  it('keeps missing cells with missing: marginalize, and refuses them where NaN is an error', () => {
    const data = Float64Array.from(iris.data);
    data[10 * 4 + 2] = Number.NaN;
    const holes: Matrix = { rows: iris.rows, cols: 4, data };
    const prepared = prepareData(holes, { missing: 'marginalize' });
    expect(Array.from(prepared.missingRows ?? [])).toEqual(
      Array.from({ length: iris.rows }, (_, i) => (i === 10 ? 1 : 0)),
    );
    const gmm = new GaussianMixture({ nClusters: 2, missing: 'marginalize' });
    expect(bits(gmm.fit(prepared, { random: 0 }))).toBe(bits(gmm.fit(holes, { random: 0 })));
    expect(() => new GaussianMixture({ nClusters: 2 }).fit(prepared, { random: 0 })).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', row: 10, column: 2 }),
    );
  });

  it('a different dimension or a disposed data set gives a typed error', () => {
    const model = new GaussianMixture({ nClusters: 3, covarianceType: 'diag' }).fit(iris, {
      random: 0,
    });
    const wide = prepareData(blobs);
    expect(() => model.predict(wide)).toThrow(InvalidInputError);
    const prepared = prepareData(iris);
    expect(model.predict(prepared)).toEqual(model.predict(iris));
    prepared.dispose();
    expect(prepared.disposed).toBe(true);
    const gmm = new GaussianMixture({ nClusters: 3 });
    for (const use of [
      () => gmm.fit(prepared),
      () => model.predict(prepared),
      () => new KMeans({ nClusters: 3 }).fit(prepared),
      () => prepared.data,
    ]) {
      let error: unknown;
      try {
        use();
      } catch (caught) {
        error = caught;
      }
      expect(DisposedDataError.isInstance(error)).toBe(true);
    }
  });

  it('an async fit still running when its data is disposed rejects with DisposedDataError', async () => {
    const prepared = prepareData(blobs);
    const gmm = new GaussianMixture({ nClusters: 3, covarianceType: 'diag', tolerance: 0 });
    const fit = gmm.fitAsync(prepared, { random: 0, onIteration: () => prepared.dispose() });
    await expect(fit).rejects.toSatisfy((error) => DisposedDataError.isInstance(error));
  });

  it('clones to a worker as a plain matrix', () => {
    const prepared = prepareData(iris);
    const copy = structuredClone(prepared) as Matrix;
    expect([copy.rows, copy.cols]).toEqual([iris.rows, 4]);
    expect(copy.data).toEqual(iris.data);
  });
});
