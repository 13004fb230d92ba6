import { AbortedError, type Matrix, type ShardExecutor } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { KMeans, type KMeansAlgorithm, type KMeansInit } from '@mixkit/kmeans';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import type { WorkerPool } from '../src/pool/workerPool.js';
import { workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();
const pools = new Map<number, WorkerPool>();
function pool(workers: number): WorkerPool {
  let existing = pools.get(workers);
  if (existing === undefined) {
    existing = createWorkerPool({ workers, workerUrl, keepAlive: true });
    pools.set(workers, existing);
  }
  return existing;
}
afterAll(() => {
  for (const existing of pools.values()) existing.destroy();
});

/** `executor`, recording the name of every task it opens a session of. */
function recording(executor: ShardExecutor, names: string[]): ShardExecutor {
  return {
    workers: executor.workers,
    open(task, setup, plan, local) {
      names.push(task.name);
      return executor.open(task, setup, plan, local);
    },
  };
}

/** What a fit must repeat bit for bit. */
function fingerprint(model: {
  labels: Int32Array;
  diagnostics: { objective: readonly number[] };
  toJSON(): unknown;
}): string {
  return JSON.stringify({
    labels: Array.from(model.labels),
    objective: model.diagnostics.objective,
    model: model.toJSON(),
  });
}

/** 3,000 rows of 5 overlapping blobs: one shard of rows, so restarts are what runs in parallel. */
const small: Matrix = makeBlobs({
  nSamples: 3_000,
  nFeatures: 4,
  centers: 5,
  clusterStd: 2.5,
  random: 21,
}).X;

describe('k-means restarts in parallel on small data give the sequential fit, bit for bit', () => {
  const cases: [KMeansAlgorithm, KMeansInit][] = [
    ['lloyd', 'k-means++'],
    ['hamerly', 'random'],
    ['elkan', 'k-means++'],
  ];
  for (const [algorithm, init] of cases) {
    it(`${algorithm}, ${init}, nInit = 8, with 0, 1, 2 and 8 workers`, async () => {
      const kmeans = new KMeans({ nClusters: 7, algorithm, init, nInit: 8 });
      const sync = kmeans.fit(small, { random: 5 });
      // The restarts differ, so picking the winner is tested too.
      expect(new Set(sync.diagnostics.restartObjectives).size).toBeGreaterThan(1);
      const inThread = await kmeans.fitAsync(small, { random: 5 });
      expect(fingerprint(inThread)).toBe(fingerprint(sync));
      for (const workers of [1, 2, 8]) {
        const names: string[] = [];
        const executor = recording(pool(workers), names);
        const model = await kmeans.fitAsync(small, { random: 5, executor });
        expect(names).toContain('@mixkit/kmeans:restart');
        expect(names).not.toContain('@mixkit/kmeans:assign');
        expect(fingerprint(model)).toBe(fingerprint(sync));
        expect(model.diagnostics.bestRestart).toBe(sync.diagnostics.bestRestart);
        expect(model.diagnostics.restartObjectives).toEqual(sync.diagnostics.restartObjectives);
      }
    });
  }

  it('a fit watched step by step, or with one restart, runs its restarts in turn', async () => {
    const names: string[] = [];
    const executor = recording(pool(2), names);
    const kmeans = new KMeans({ nClusters: 7, nInit: 4 });
    const sync = kmeans.fit(small, { random: 9 });
    let steps = 0;
    const watched = await kmeans.fitAsync(small, {
      random: 9,
      executor,
      onIteration: () => {
        steps++;
      },
    });
    expect(steps).toBeGreaterThan(4);
    expect(fingerprint(watched)).toBe(fingerprint(sync));
    const once = new KMeans({ nClusters: 7, nInit: 1 });
    await once.fitAsync(small, { random: 9, executor });
    expect(names).not.toContain('@mixkit/kmeans:restart');
  });

  it('an abort stops parallel restarts within about 100 ms, and the pool stays usable', async () => {
    const X = makeBlobs({
      nSamples: 12_000,
      nFeatures: 8,
      centers: 40,
      clusterStd: 3,
      random: 2,
    }).X;
    const slow = new KMeans({
      nClusters: 40,
      algorithm: 'lloyd',
      nInit: 64,
      tolerance: 0,
      maxIterations: 300,
    });
    const executor = pool(2);
    const controller = new AbortController();
    let abortedAt = Number.NaN;
    controller.signal.addEventListener('abort', () => {
      abortedAt = performance.now();
    });
    setTimeout(() => controller.abort(), 150);
    const error = await slow
      .fitAsync(X, { random: 1, executor, signal: controller.signal })
      .catch((caught: unknown) => caught);
    const stopped = performance.now() - abortedAt;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(stopped).toBeLessThan(100);
    // The workers stopped too: the next fit on the same pool is not queued behind 64 restarts.
    const kmeans = new KMeans({ nClusters: 7, nInit: 8 });
    const started = performance.now();
    const model = await kmeans.fitAsync(small, { random: 5, executor });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(fingerprint(model)).toBe(fingerprint(kmeans.fit(small, { random: 5 })));
  });
});
