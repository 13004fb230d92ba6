import type { Matrix } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { KMeans } from '@mixkit/kmeans';
import { describe, expect, it } from 'vitest';
import { nodePort } from '../src/node/nodePort.js';
import { WorkerPool } from '../src/pool/workerPool.js';
import { fingerprint } from './fingerprint.js';
import { workerBundleUrl } from './workerBundle.js';

/** 200,000 x 4: k-means prepares its data in one session (4 shards), then assigns in another. */
const X: Matrix = makeBlobs({ nSamples: 200_000, nFeatures: 4, centers: 5, random: 17 }).X;

describe('a pool without keepAlive keeps its workers for the whole fit', () => {
  it('a k-means fit (two sessions) starts each worker once, and none outlives it', async () => {
    const workerUrl = workerBundleUrl();
    let started = 0;
    const pool = new WorkerPool(
      (index) => {
        started++;
        return nodePort(workerUrl, index);
      },
      { workers: 2 },
    );
    const kmeans = new KMeans({ nClusters: 5, nInit: 1, init: 'k-means++', maxIterations: 4 });
    const model = await kmeans.fitAsync(X, { random: 3, executor: pool });
    expect(fingerprint(model)).toBe(fingerprint(kmeans.fit(X, { random: 3 })));
    expect(started).toBe(2);
    expect(pool.liveWorkers).toBe(0);
    // The next fit starts its own workers, once each again.
    await kmeans.fitAsync(X, { random: 3, executor: pool });
    expect(started).toBe(4);
    expect(pool.liveWorkers).toBe(0);
  }, 120_000);
});
