import {
  InvalidInputError,
  type Matrix,
  type ShardExecutor,
  sharedFloat64Array,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { KMeans } from '@mixkit/kmeans';
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import { fingerprint } from './fingerprint.js';
import { keptPools, recording } from './keptPools.js';
import { workerBundleUrl } from './workerBundle.js';

const pool = keptPools();

/**
 * 200,000 x 4: the preparation of k-means' data runs as 4 shards of 65,536 rows
 * (`@mixkit/kmeans:prepare`), the fewest it sends to a pool's workers.
 */
const blobs: Matrix = makeBlobs({
  nSamples: 200_000,
  nFeatures: 4,
  centers: 5,
  clusterStd: 1.5,
  random: 17,
}).X;

function mapped(X: Matrix, value: (v: number, t: number) => number): Matrix {
  return { rows: X.rows, cols: X.cols, data: X.data.map(value) };
}

function onSharedMemory(X: Matrix): Matrix {
  const data = sharedFloat64Array(X.data.length);
  data.set(X.data);
  return { rows: X.rows, cols: X.cols, data };
}

function thrown(action: () => unknown): Promise<unknown> {
  return Promise.resolve()
    .then(action)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

const kmeans = new KMeans({ nClusters: 5, nInit: 1, init: 'k-means++', maxIterations: 6 });

describe("k-means' data preparation on workers gives the same bits with 0, 1, 2 or 8 workers", () => {
  const cases: [string, Matrix, Float64Array | undefined][] = [
    ['data near the origin (used as it is)', blobs, undefined],
    [
      'data far from the origin (centered in place in the shared copy)',
      mapped(blobs, (v) => v + 1e4),
      undefined,
    ],
    [
      'data already on shared memory (no copy in the calling thread)',
      onSharedMemory(mapped(blobs, (v) => v - 300)),
      undefined,
    ],
    [
      'data near 1e-300 (a second statistics round on the scaled values)',
      mapped(blobs, (v) => v * 2 ** -1000),
      undefined,
    ],
    ['weighted rows', blobs, Float64Array.from({ length: blobs.rows }, (_, i) => 1 + (i % 7))],
  ];
  for (const [name, X, sampleWeight] of cases) {
    it(name, async () => {
      const before = X.data.slice();
      const sync = kmeans.fit(X, { random: 3, sampleWeight });
      for (const workers of [1, 2, 8]) {
        const names: string[] = [];
        const model = await kmeans.fitAsync(X, {
          random: 3,
          sampleWeight,
          executor: recording(pool(workers), names),
        });
        expect(names).toContain('@mixkit/kmeans:prepare');
        expect(fingerprint(model)).toBe(fingerprint(sync));
      }
      // The fit frames its own copy of the rows, never the caller's.
      expect(X.data.every((v, t) => Object.is(v, before[t]))).toBe(true);
    }, 120_000);
  }
});

it('copies rows of many shards while the workers map their pages: the same bits', async () => {
  // 650,000 x 4: 10 shards of the preparation, so a worker waiting for its first shard's rows
  // maps the pages of its later ones while the calling thread copies (`copyShards`).
  const big = makeBlobs({ nSamples: 650_000, nFeatures: 4, centers: 5, random: 23 }).X;
  const X = mapped(big, (v) => v + 1e4);
  const before = X.data.slice();
  const sync = kmeans.fit(X, { random: 5 });
  for (const workers of [1, 2, 8]) {
    const names: string[] = [];
    const model = await kmeans.fitAsync(X, {
      random: 5,
      executor: recording(pool(workers), names),
    });
    expect(names).toContain('@mixkit/kmeans:prepare');
    expect(fingerprint(model)).toBe(fingerprint(sync));
  }
  expect(X.data.every((v, t) => Object.is(v, before[t]))).toBe(true);
}, 120_000);

describe("a kept pool lends one fit's shared copy of the data to the next", () => {
  it('to a fit of the same size, whose values overwrite it: the same bits as the thread', async () => {
    const kept = pool(2);
    const lent: (SharedArrayBuffer | undefined)[] = [];
    const given: SharedArrayBuffer[] = [];
    const executor: ShardExecutor = {
      workers: kept.workers,
      open: (task, setup, plan, local) => kept.open(task, setup, plan, local),
      borrowBuffer: (bytes) => {
        const buffer = kept.borrowBuffer(bytes);
        lent.push(buffer);
        return buffer;
      },
      giveBackBuffer: (buffer) => {
        given.push(buffer);
        kept.giveBackBuffer(buffer);
      },
    };
    // Centered in place in the copy, used as it is, then centered again: each fit reads only
    // its own values from the buffer the one before wrote.
    const datasets = [mapped(blobs, (v) => v + 1e4), blobs, mapped(blobs, (v) => 500 - v)];
    for (const X of datasets) {
      const sync = kmeans.fit(X, { random: 4 });
      const model = await kmeans.fitAsync(X, { random: 4, executor });
      expect(fingerprint(model)).toBe(fingerprint(sync));
    }
    expect(given).toHaveLength(3);
    expect(given[0].byteLength).toBe(8 * blobs.data.length);
    expect(lent[1]).toBe(given[0]);
    expect(lent[2]).toBe(given[1]);
    // Taken, so a concurrent fit cannot get the same buffer; another size gets none.
    expect(kept.borrowBuffer(8 * blobs.data.length)).toBe(given[2]);
    expect(kept.borrowBuffer(8 * blobs.data.length)).toBeUndefined();
    kept.giveBackBuffer(given[2]);
    expect(kept.borrowBuffer(8)).toBeUndefined();
  }, 120_000);

  it('only while it keeps its workers: not without keepAlive, not after destroy()', () => {
    const buffer = new SharedArrayBuffer(64);
    const passing = createWorkerPool({ workers: 1, workerUrl: workerBundleUrl() });
    passing.giveBackBuffer(buffer);
    expect(passing.borrowBuffer(64)).toBeUndefined();
    const kept = createWorkerPool({ workers: 1, workerUrl: workerBundleUrl(), keepAlive: true });
    kept.giveBackBuffer(buffer);
    kept.destroy();
    expect(kept.borrowBuffer(64)).toBeUndefined();
  });
});

it('prepares data of fewer than 4 shards in the calling thread, with the same bits', async () => {
  // 100,000 x 4: 2 shards of the preparation (not worth a session on the workers), 2 of the
  // assignment (which runs there).
  const X: Matrix = { rows: 100_000, cols: 4, data: blobs.data.slice(0, 400_000) };
  const sync = kmeans.fit(X, { random: 2 });
  const names: string[] = [];
  const model = await kmeans.fitAsync(X, { random: 2, executor: recording(pool(2), names) });
  expect(names).not.toContain('@mixkit/kmeans:prepare');
  expect(names).toContain('@mixkit/kmeans:assign');
  expect(fingerprint(model)).toBe(fingerprint(sync));
}, 60_000);

describe('a non-finite cell found on a worker is the error of the calling thread', () => {
  it.each([
    ['NaN', Number.NaN],
    ['+Infinity', Number.POSITIVE_INFINITY],
  ])(
    '%s in a late shard: InvalidInputError naming X, its row and its column',
    async (_, bad) => {
      // Row 150,001 (shard 2), and a later one in shard 3: the first in row-major order is named.
      const X = mapped(blobs, (v, t) => (t === 150_001 * 4 + 2 || t === 190_000 * 4 ? bad : v));
      const inThread = await thrown(() => kmeans.fit(X, { random: 1 }));
      expect(InvalidInputError.isInstance(inThread)).toBe(true);
      expect(inThread).toMatchObject({ argument: 'X', row: 150_001, column: 2, value: bad });
      for (const workers of [0, 1, 2, 8]) {
        const error = await thrown(() =>
          kmeans.fitAsync(X, { random: 1, executor: workers === 0 ? undefined : pool(workers) }),
        );
        expect(InvalidInputError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ argument: 'X', row: 150_001, column: 2, value: bad });
        expect((error as InvalidInputError).message).toBe((inThread as InvalidInputError).message);
      }
    },
    120_000,
  );
});
