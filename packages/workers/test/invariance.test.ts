import {
  type AnyComponentFamily,
  createRandom,
  type Matrix,
  type ShardExecutor,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { gaussianDiag, gaussianFull, poisson, product } from '@mixkit/distributions';
import { type FitMixtureOptions, fitMixture, fitMixtureAsync, fitMixtureStream } from '@mixkit/em';
import { KMeans, type KMeansAlgorithm, KMedoids, MiniBatchKMeans } from '@mixkit/kmeans';
import { silhouetteSamples, silhouetteSamplesAsync } from '@mixkit/metrics';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import type { WorkerPool } from '../src/pool/workerPool.js';
import { fingerprint } from './fingerprint.js';
import { workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();
const pools = new Map<number, WorkerPool>();
/** Pools of 1, 2 and 8 workers, kept alive across the file's fits. */
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

/** 60,000 rows in 4 blobs: several shards of an EM pass and of a k-means assignment. */
function blobs(cols: number): Matrix {
  return makeBlobs({ nSamples: 60_000, nFeatures: cols, centers: 4, clusterStd: 1.5, random: 11 })
    .X;
}

/** Counts as non-negative integers (Poisson columns), 3 of them next to `X`'s. */
function withCounts(X: Matrix): Matrix {
  const d = X.cols + 3;
  const data = new Float64Array(X.rows * d);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) data[i * d + j] = X.data[i * X.cols + j];
    for (let j = 0; j < 3; j++)
      data[i * d + X.cols + j] = Math.floor(Math.abs(X.data[i * X.cols + j]) * 2);
  }
  return { rows: X.rows, cols: d, data };
}

/** A copy of `X` with about `share` of its cells removed (NaN) completely at random. */
function withHoles(X: Matrix, share: number, seed: number): Matrix {
  const random = createRandom(seed);
  const data = X.data.slice();
  for (let e = 0; e < data.length; e++) if (random.uniform() < share) data[e] = Number.NaN;
  return { rows: X.rows, cols: X.cols, data };
}

const executors: [string, () => ShardExecutor | undefined][] = [
  ['0 workers', () => undefined],
  ['1 worker', () => pool(1)],
  ['2 workers', () => pool(2)],
  ['8 workers', () => pool(8)],
];

describe('a seeded EM fit gives the same bits with 0, 1, 2 or 8 workers', () => {
  const X = blobs(4);
  const mixed = withCounts(X);
  const cases: [string, Matrix, FitMixtureOptions<AnyComponentFamily>][] = [
    ['full Gaussian', X, { family: gaussianFull(), nClusters: 4 }],
    [
      'diagonal Gaussian (kernel memory in each worker)',
      X,
      { family: gaussianDiag(), nClusters: 4 },
    ],
    [
      'product of a full Gaussian and Poisson columns',
      mixed,
      {
        family: product([
          { columns: [0, 1, 2, 3], family: gaussianFull() },
          { columns: [4, 5, 6], family: poisson() },
        ]),
        nClusters: 3,
      },
    ],
    ['hard (classification) EM', X, { family: gaussianFull(), nClusters: 4, estep: 'hard' }],
    [
      // The rows go to shared memory with their column ranges before the fit (prepareData's
      // 'shared' memory); a relative regCovar still needs the data's statistics from them.
      'full Gaussian, relative regCovar (statistics of the rows in shared memory)',
      X,
      { family: gaussianFull({ regCovar: { relative: 1e-3 } }), nClusters: 4 },
    ],
    [
      'full Gaussian, 10% of cells missing (marginalised)',
      withHoles(X, 0.1, 1),
      { family: gaussianFull(), nClusters: 4, missing: 'marginalize' },
    ],
    [
      'diagonal Gaussian, 10% of cells missing (kernel memory in each worker)',
      withHoles(X, 0.1, 2),
      { family: gaussianDiag(), nClusters: 4, missing: 'marginalize' },
    ],
    [
      'product of a full Gaussian and Poisson columns, 10% of cells missing',
      withHoles(mixed, 0.1, 3),
      {
        family: product([
          { columns: [0, 1, 2, 3], family: gaussianFull() },
          { columns: [4, 5, 6], family: poisson() },
        ]),
        nClusters: 3,
        missing: 'marginalize',
      },
    ],
    [
      'weighted rows, two restarts',
      X,
      {
        family: gaussianDiag(),
        nClusters: 3,
        nInit: 2,
        sampleWeight: Float64Array.from({ length: X.rows }, (_, i) => 1 + (i % 3)),
      },
    ],
  ];
  it('a value that is not finite is named as in the thread (row, column)', async () => {
    const bad = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
    bad.data[41_234 * X.cols + 2] = Number.NaN;
    const options = { family: gaussianFull(), nClusters: 4, random: 5 };
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const sync = caught(() => fitMixture(bad, options));
    expect(sync).toMatchObject({ row: 41_234, column: 2 });
    for (const [, executor] of executors) {
      const error = await fitMixtureAsync(bad, { ...options, executor: executor() }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ argument: 'X', row: 41_234, column: 2 });
      expect(error instanceof Error && error.message).toBe(sync instanceof Error && sync.message);
    }
  });
  for (const [name, data, options] of cases) {
    it(name, async () => {
      const settings = { ...options, maxIterations: 6, tolerance: 0, random: 5 };
      const sync = fingerprint(fitMixture(data, settings));
      for (const [, executor] of executors) {
        const model = await fitMixtureAsync(data, { ...settings, executor: executor() });
        expect(fingerprint(model)).toBe(sync);
      }
    });
  }
});

describe('streamed (out-of-core) EM gives the same bits with 0, 1, 2 or 8 workers', () => {
  it('chunks of 40,000 rows, each cut into shards', async () => {
    const X = blobs(4);
    const chunkRows = 40_000;
    const source = function* () {
      for (let start = 0; start < X.rows; start += chunkRows) {
        const end = Math.min(X.rows, start + chunkRows);
        yield {
          rows: end - start,
          cols: X.cols,
          data: X.data.subarray(start * X.cols, end * X.cols),
        };
      }
    };
    const options = {
      family: gaussianFull(),
      nClusters: 4,
      maxIterations: 4,
      tolerance: 0,
      random: 2,
    };
    const reference = fingerprint(await fitMixtureStream(source, options));
    for (const [, executor] of executors) {
      const model = await fitMixtureStream(source, { ...options, executor: executor() });
      expect(fingerprint(model)).toBe(reference);
    }
  });

  it.each([
    ['an ArrayBuffer', false],
    ['a SharedArrayBuffer', true],
  ])(
    'from one array on %s refilled for every chunk (the next is read during a pass)',
    async (_, shared) => {
      // The runner requests chunk c + 1 while the workers run chunk c's pass once they hold its
      // rows; a source refilling one array must still give the bits of the chunks held apart.
      const X = blobs(4);
      // 16 components: shards of 8,192 rows, two a chunk; 64,000 values a chunk stay under the
      // size that moves them to kernel memory, so the pass reads the source's own array (on a
      // SharedArrayBuffer the workers read it there: no chunk is read ahead then).
      const chunkRows = 16_000;
      const length = chunkRows * X.cols;
      const buffer = shared
        ? new Float64Array(new SharedArrayBuffer(length * 8))
        : new Float64Array(length);
      const refilled = function* () {
        for (let start = 0; start < X.rows; start += chunkRows) {
          const end = Math.min(X.rows, start + chunkRows);
          buffer.set(X.data.subarray(start * X.cols, end * X.cols));
          yield {
            rows: end - start,
            cols: X.cols,
            data: buffer.subarray(0, (end - start) * X.cols),
          };
        }
      };
      const options = {
        family: gaussianDiag(),
        nClusters: 16,
        maxIterations: 4,
        tolerance: 0,
        random: 2,
      };
      // The same chunks, each its own array.
      const apart = function* () {
        for (let start = 0; start < X.rows; start += chunkRows) {
          yield X.data.slice(start * X.cols, Math.min(X.rows, start + chunkRows) * X.cols);
        }
      };
      const reference = fingerprint(
        await fitMixtureStream(
          () => Array.from(apart(), (data) => ({ rows: data.length / X.cols, cols: X.cols, data })),
          options,
        ),
      );
      for (const [, executor] of executors) {
        const model = await fitMixtureStream(refilled, { ...options, executor: executor() });
        expect(fingerprint(model)).toBe(reference);
      }
    },
  );

  it('with 10% of cells missing (marginalised), chunks of 25,000 rows', async () => {
    const X = withHoles(blobs(4), 0.1, 4);
    const chunkRows = 25_000;
    const source = function* () {
      for (let start = 0; start < X.rows; start += chunkRows) {
        const end = Math.min(X.rows, start + chunkRows);
        yield {
          rows: end - start,
          cols: X.cols,
          data: X.data.subarray(start * X.cols, end * X.cols),
        };
      }
    };
    const options = {
      family: gaussianFull(),
      nClusters: 4,
      maxIterations: 4,
      tolerance: 0,
      random: 2,
      missing: 'marginalize' as const,
    };
    const reference = fingerprint(await fitMixtureStream(source, options));
    for (const [, executor] of executors) {
      const model = await fitMixtureStream(source, { ...options, executor: executor() });
      expect(fingerprint(model)).toBe(reference);
    }
  });
});

describe('a seeded k-means fit gives the same bits with 0, 1, 2 or 8 workers', () => {
  const X = blobs(6);
  for (const algorithm of ['lloyd', 'hamerly', 'elkan', 'yinyang'] as KMeansAlgorithm[]) {
    it(algorithm, async () => {
      const kmeans = new KMeans({ nClusters: 6, algorithm, nInit: 2, init: 'random' });
      const sync = kmeans.fit(X, { random: 3 });
      for (const [, executor] of executors) {
        const model = await kmeans.fitAsync(X, { random: 3, executor: executor() });
        expect(Array.from(model.labels)).toEqual(Array.from(sync.labels));
        expect(fingerprint(model)).toBe(fingerprint(sync));
      }
    });
  }
});

describe('silhouette values are the same bits with 0, 1, 2 or 8 workers', () => {
  it('euclidean, on 3,000 rows of 4 clusters', async () => {
    const { X, labels: y } = makeBlobs({ nSamples: 3_000, nFeatures: 3, centers: 4, random: 8 });
    const sync = silhouetteSamples(X, y);
    for (const [, executor] of executors) {
      const values = await silhouetteSamplesAsync(X, y, { executor: executor() });
      expect(Array.from(values)).toEqual(Array.from(sync));
    }
  });
});

describe('k-medoids and mini-batch k-means are the same bits with 0, 1, 2 or 8 workers', () => {
  it('k-medoids (the dissimilarities over shards of rows, the swap search over shards of candidates)', async () => {
    const { X } = makeBlobs({ nSamples: 2_100, nFeatures: 3, centers: 4, random: 6 });
    for (const metric of ['euclidean'] as const) {
      const kmedoids = new KMedoids({ nClusters: 4, metric });
      const sync = kmedoids.fit(X, { random: 2 });
      for (const [, executor] of executors) {
        const model = await kmedoids.fitAsync(X, { random: 2, executor: executor() });
        expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(sync.toJSON()));
      }
    }
  }, 120_000);

  it('mini-batch k-means (the final labelling over shards of rows)', async () => {
    const X = blobs(5);
    const miniBatch = new MiniBatchKMeans({ nClusters: 4, batchSize: 512, maxIterations: 3 });
    const sync = miniBatch.fit(X, { random: 4 });
    for (const [, executor] of executors) {
      const model = await miniBatch.fitAsync(X, { random: 4, executor: executor() });
      expect(Array.from(model.labels)).toEqual(Array.from(sync.labels));
      expect(fingerprint(model)).toBe(fingerprint(sync));
    }
  });
});
