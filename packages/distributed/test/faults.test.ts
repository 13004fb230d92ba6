import { AbortedError } from '@mixkit/core';
import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DistributedError,
  DistributedExecutor,
  type DistributedExecutorOptions,
  loadDataset,
  type RedisConnection,
  startShardWorker,
} from '../src/index.js';
import { freePort, type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
let expected: string;
const workers: WorkerProcess[] = [];
/** EM from a random start (no k-means rounds): 5 shards a round, 4 iterations plus the final pass. */
const fit = {
  family: gaussianDiag(),
  nClusters: 8,
  maxIterations: 4,
  tolerance: 0,
  random: 9,
  init: 'random' as const,
};

/** Workers that give a killed worker's job back within about 1.5 s, each job taking >= 150 ms. */
const drill = { lockDurationMs: 1_000, stalledIntervalMs: 500, drillDelayMs: 150 };

beforeAll(async () => {
  redis = await startRedis();
  connection = { port: redis.port };
  data = writeTestData(30_000, 16, 8, 5_000, 21);
  expected = fingerprint(fitMixture(data.X, fit));
  for (let w = 0; w < 3; w++) {
    workers.push(await startWorkerProcess({ connection, dataRoot: data.root, ...drill }));
  }
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await redis?.dispose();
});

async function executor(
  extra: Partial<DistributedExecutorOptions> = {},
): Promise<DistributedExecutor> {
  const { parts } = await loadDataset(data.sources, data.root);
  return DistributedExecutor.connect({
    connection,
    parts,
    roundTimeoutMs: 60_000,
    jobRows: 8_000,
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('Redis unreachable or refusing at start', () => {
  it('a coordinator gets a typed redis-unreachable error within its connect timeout', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await rejection(
      DistributedExecutor.connect({ connection: { port, connectTimeoutMs: 1_000 }, parts: [] }),
    );
    expect(DistributedError.isInstance(error) && error.failure).toBe('redis-unreachable');
    expect(String(error)).toContain(`127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a worker gets the same error, and redis-auth for a wrong password', async () => {
    const port = await freePort();
    const unreachable = await rejection(
      startShardWorker({ connection: { port, connectTimeoutMs: 1_000 } }),
    );
    expect(DistributedError.isInstance(unreachable) && unreachable.failure).toBe(
      'redis-unreachable',
    );
    const locked = await startRedis({ password: 'right' });
    try {
      const refused = await rejection(
        startShardWorker({ connection: { port: locked.port, password: 'wrong' } }),
      );
      expect(DistributedError.isInstance(refused) && refused.failure).toBe('redis-auth');
      expect(String(refused)).not.toContain('wrong');
    } finally {
      await locked.dispose();
    }
  });
});

describe('a worker killed mid-job (kill -9)', () => {
  it('is detected as stalled, its job runs again elsewhere, and the fit gives the same bits', async () => {
    const distributed = await executor();
    try {
      const running = fitMixtureAsync(data.X, { ...fit, executor: distributed });
      const victim = workers[0];
      if (victim === undefined) throw new Error('no worker');
      const started = await victim.waitFor(
        (line) => line.type === 'start' && (line.job?.round ?? 0) >= 2,
      );
      await victim.kill('SIGKILL');
      workers.shift();
      const model = await running;
      expect(fingerprint(model)).toBe(expected);
      // The killed job was started again by a surviving worker and completed there.
      const retried = workers
        .flatMap((worker) => worker.lines)
        .filter((line) => line.id === started.id);
      expect(retried.map((line) => line.type)).toEqual(expect.arrayContaining(['start', 'done']));
    } finally {
      await distributed.close({ clear: true });
    }
  });
});

describe('Redis lost mid-fit', () => {
  it('fails with a typed redis-lost error once the reconnect window has passed, never hangs', async () => {
    const distributed = await executor({ reconnectTimeoutMs: 1_500 });
    const running = rejection(fitMixtureAsync(data.X, { ...fit, executor: distributed }));
    await workers[0]?.waitFor((line) => line.type === 'done');
    const stopped = Date.now();
    await redis.stop();
    const error = await running;
    const elapsed = Date.now() - stopped;
    await distributed.close();
    await redis.start();
    expect(DistributedError.isInstance(error) && error.failure, String(error)).toBe('redis-lost');
    expect(elapsed).toBeLessThan(8_000);
  });

  it('reconnects when Redis comes back (empty) within the window, with the same bits', async () => {
    const distributed = await executor({ reconnectTimeoutMs: 20_000 });
    try {
      const before = workers.map((worker) => worker.lines.length);
      const running = fitMixtureAsync(data.X, { ...fit, executor: distributed });
      const first = workers[0];
      await first?.waitFor(
        (line) => line.type === 'done' && first.lines.indexOf(line) >= (before[0] ?? 0),
      );
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await redis.start();
      expect(fingerprint(await running)).toBe(expected);
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('an aborted fit stops waiting at once', async () => {
    const distributed = await executor();
    try {
      const error = await rejection(
        fitMixtureAsync(data.X, {
          ...fit,
          executor: distributed,
          signal: AbortSignal.timeout(300),
        }),
      );
      expect(AbortedError.isInstance(error)).toBe(true);
    } finally {
      await distributed.close({ clear: true });
    }
  });
});
