import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { KMeans } from '@mixkit/kmeans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributedExecutor, loadDataset, type RedisConnection } from '../src/index.js';
import { emptiedComponentFit } from './emptiedComponentFit.js';
import { type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: 'test-secret' });
  connection = { port: redis.port, password: 'test-secret' };
  // 30,000 rows x 16: 5 shards of an EM pass (k = 8), 2 of a k-means assignment.
  data = writeTestData(30_000, 16, 8, 7_000);
  for (let w = 0; w < 2; w++) {
    workers.push(await startWorkerProcess({ connection, dataRoot: data.root }));
  }
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await redis?.dispose();
});

async function executor(): Promise<DistributedExecutor> {
  const { parts } = await loadDataset(data.sources, data.root);
  return DistributedExecutor.connect({ connection, parts, jobRows: 8_000 });
}

describe('a seeded distributed fit gives the same bits as the in-process fit', () => {
  it('reads back exactly the rows that were written (CSV and .f64 parts)', async () => {
    const { X, parts } = await loadDataset(data.sources, data.root);
    expect(parts.map((part) => part.rows)).toEqual([7_000, 23_000]);
    expect(Buffer.from(X.data.buffer).equals(Buffer.from(data.X.data.buffer))).toBe(true);
  });

  for (const [name, family] of [
    ['full Gaussian, k-means initialisation (both tasks on the workers)', gaussianFull()],
    ['diagonal Gaussian (kernel memory in each worker)', gaussianDiag()],
  ] as const) {
    it(name, async () => {
      const { X } = await loadDataset(data.sources, data.root);
      const options = { family, nClusters: 8, maxIterations: 5, tolerance: 0, random: 3 };
      const expected = fingerprint(fitMixture(X, options));
      const distributed = await executor();
      try {
        const model = await fitMixtureAsync(X, { ...options, executor: distributed });
        expect(fingerprint(model)).toBe(expected);
        expect(distributed.counts.dispatched).toBeGreaterThanOrEqual(6);
      } finally {
        await distributed.close({ clear: true });
      }
      // Both workers took shards, and each kept its shards' rows across rounds.
      const served = workers.map(
        (worker) => worker.lines.filter((line) => line.type === 'done').length,
      );
      expect(Math.min(...served)).toBeGreaterThan(0);
    });
  }

  it('EM passes send back sums and O(k) re-seeding candidates, never a value per row', async () => {
    const { X } = await loadDataset(data.sources, data.root);
    // Rows as initial means: every round is an EM pass (k-means rounds send labels).
    const options = {
      family: gaussianDiag(),
      nClusters: 8,
      maxIterations: 4,
      tolerance: 0,
      init: 'random-from-data',
      random: 5,
    } as const;
    const distributed = await executor();
    try {
      const model = await fitMixtureAsync(X, { ...options, executor: distributed });
      expect(fingerprint(model)).toBe(fingerprint(fitMixture(X, options)));
      const { dispatched, bytesReceived } = distributed.counts;
      expect(dispatched).toBe(model.diagnostics.iterations + 1);
      // 5 shards x (8 x 33 statistics + 8 totals + 16 candidates + objective) doubles and their
      // MessagePack/base64 framing: under 0.5 byte a row a round, where a score per row alone
      // was 8 bytes a row (240 kB a round here).
      expect(bytesReceived / dispatched).toBeLessThan(15_000);
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('a component emptied mid-fit is re-seeded from the worst rows the shards sent: same bits', async () => {
    const { X } = await loadDataset(data.sources, data.root);
    const options = emptiedComponentFit;
    const expected = fitMixture(X, options);
    expect(expected.diagnostics.warnings).toContainEqual({
      kind: 'empty-component',
      restart: 0,
      iteration: 1,
      component: 7,
      action: 'reseeded',
    });
    const distributed = await executor();
    try {
      const model = await fitMixtureAsync(X, { ...options, executor: distributed });
      expect(fingerprint(model)).toBe(fingerprint(expected));
      expect(model.diagnostics.warnings).toEqual(expected.diagnostics.warnings);
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('k-means (Hamerly: per-shard bounds that stay with the shard)', async () => {
    const { X } = await loadDataset(data.sources, data.root);
    const kmeans = new KMeans({ nClusters: 8, algorithm: 'hamerly', nInit: 2, init: 'k-means++' });
    const sync = kmeans.fit(X, { random: 4 });
    const distributed = await executor();
    try {
      const model = await kmeans.fitAsync(X, { random: 4, executor: distributed });
      expect(Array.from(model.labels)).toEqual(Array.from(sync.labels));
      expect(fingerprint(model)).toBe(fingerprint(sync));
    } finally {
      await distributed.close({ clear: true });
    }
  });
});
