import type { Matrix } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import type { WorkerPool } from '../src/pool/workerPool.js';
import { fingerprint } from './fingerprint.js';
import { workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();

/** Runs `use` on a new kept pool of `workers`, destroyed afterwards. */
async function withPool<T>(workers: number, use: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = createWorkerPool({ workers, workerUrl, keepAlive: true });
  try {
    return await use(pool);
  } finally {
    pool.destroy();
  }
}

function blobs(rows: number, cols: number, centers: number, random: number): Matrix {
  return makeBlobs({ nSamples: rows, nFeatures: cols, centers, clusterStd: 1.5, random }).X;
}

// A kept pool's workers reuse the kernel memory of their last session (given back when it
// closed), and the pool lends an EM fit's shared copy of the data to the next fit: a later fit
// must not see anything an earlier one left there.
describe('memory reused across fits on a kept pool', () => {
  // Several shards of an EM pass (and of a k-means assignment), in kernel memory: more values
  // than KERNEL_MEMORY_MIN_VALUES. The first fit is the larger, with other d and k.
  const first = blobs(60_000, 7, 5, 3);
  const second = blobs(50_000, 6, 3, 4);

  it('gives a diagonal GMM fit the same bits after another fit as alone', async () => {
    const options = { family: gaussianDiag(), nClusters: 3, maxIterations: 8, random: 5 };
    const alone = await withPool(2, async (pool) =>
      fingerprint(await fitMixtureAsync(second, { ...options, executor: pool })),
    );
    const after = await withPool(2, async (pool) => {
      await fitMixtureAsync(first, {
        family: gaussianDiag(),
        nClusters: 5,
        random: 1,
        executor: pool,
      });
      // The first fit gave its shared copy back: its bytes are lent once, then taken.
      const lent = pool.borrowBuffer(first.data.length * 8);
      expect(lent?.byteLength).toBe(first.data.length * 8);
      if (lent !== undefined) pool.giveBackBuffer(lent);
      return fingerprint(await fitMixtureAsync(second, { ...options, executor: pool }));
    });
    expect(after).toBe(alone);
    expect(after).toBe(fingerprint(fitMixture(second, options)));
  });

  it('gives an in-thread fit the same bits after a larger one reused its kernel memory', () => {
    const options = { family: gaussianDiag(), nClusters: 3, maxIterations: 8, random: 5 };
    const alone = fingerprint(fitMixture(second, options));
    fitMixture(first, { family: gaussianDiag(), nClusters: 5, random: 1 });
    expect(fingerprint(fitMixture(second, options))).toBe(alone);
  });

  it('gives a k-means fit the same bits after another fit as alone', async () => {
    const fit = (X: Matrix, k: number, executor: WorkerPool) =>
      new KMeans({ nClusters: k, algorithm: 'hamerly' }).fitAsync(X, { random: 2, executor });
    const alone = await withPool(2, async (pool) => {
      const model = await fit(second, 3, pool);
      return [model.inertia, Array.from(model.labels)];
    });
    const after = await withPool(2, async (pool) => {
      await fit(first, 5, pool);
      const model = await fit(second, 3, pool);
      return [model.inertia, Array.from(model.labels)];
    });
    expect(after).toEqual(alone);
  });
});
