import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { Packr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestRows } from '../src/data/digestRows.js';
import { DistributedExecutor, loadDataset, type RedisConnection } from '../src/index.js';
import { type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
let worker: WorkerProcess;
let client: Redis;
let queue: Queue;
let events: QueueEvents;
const packr = new Packr({ moreTypes: true, useRecords: false, mapsAsObjects: true });
const limit = 1024 * 1024;

beforeAll(async () => {
  redis = await startRedis();
  connection = { port: redis.port };
  data = writeTestData(12_000, 16, 4, 2_000, 5);
  worker = await startWorkerProcess({ connection, dataRoot: data.root, maxPayloadBytes: limit });
  client = new Redis({ port: redis.port });
  queue = new Queue('mixkit-shards', { connection: { port: redis.port }, prefix: 'mixkit' });
  // From the stream's start, not '$': `waitUntilReady` resolves before the first XREAD is sent,
  // so a job that failed in between was missed and its wait hung (seen once under load 20).
  events = new QueueEvents('mixkit-shards', {
    connection: { port: redis.port },
    prefix: 'mixkit',
    lastEventId: '0-0',
  });
  await events.waitUntilReady();
});

afterAll(async () => {
  await events?.close();
  await queue?.close();
  client?.disconnect();
  await worker?.kill('SIGTERM');
  await redis?.dispose();
});

/** A session descriptor for the test data (one shard of all rows), with `change` applied. */
function session(change: Record<string, unknown>): Record<string, unknown> {
  return {
    task: '@mixkit/em:pass',
    shared: { families: [{ kind: 'gaussian-diag', options: {} }], blockSize: 256 },
    cumulative: false,
    rows: 12_000,
    cols: 16,
    shardRows: 12_000,
    count: 1,
    shardsPerJob: 1,
    parts: [
      { source: { kind: 'csv', path: 'part0.csv' }, rows: 2_000 },
      { source: { kind: 'f64', path: 'part1.json' }, rows: 10_000 },
    ],
    digests: [digestRows([data.X.data])],
    extras: [false],
    ...change,
  };
}

/** Runs one hostile job and returns the worker's typed failure (as the coordinator reads it). */
async function failure(
  fit: string,
  stored: Buffer | undefined,
  jobData?: unknown,
): Promise<Record<string, unknown>> {
  if (stored !== undefined) await client.set(`mixkit:fit:${fit}:session:0`, stored);
  const job = await queue.add('shard', jobData ?? { fit, session: 0, round: 0, job: 0 }, {
    attempts: 3,
  });
  const error = await job.waitUntilFinished(events).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('the hostile job succeeded');
  const failed = await queue.getJob(job.id ?? '');
  // Failed for good at once: a hostile payload is never retried.
  expect(failed?.attemptsMade).toBe(1);
  return JSON.parse(error.message);
}

describe('a malformed or hostile payload is rejected with a typed error, and the worker keeps serving', () => {
  it('job data that is not a job (a fit id made to escape its keys)', async () => {
    const reason = await failure('x', undefined, {
      fit: '../../etc',
      session: 0,
      round: 0,
      shard: 0,
    });
    expect(reason).toMatchObject({ mixkit: 'distributed', failure: 'invalid-payload' });
  });

  it('a session that is not MessagePack, or larger than the limit', async () => {
    const garbage = await failure('garbage', Buffer.from([0xc1, 0xc1, 0xff, 0x00]));
    expect(garbage).toMatchObject({ failure: 'invalid-payload' });
    const huge = await failure('huge', Buffer.alloc(limit + 1));
    expect(huge).toMatchObject({ failure: 'invalid-payload' });
    expect(String(huge.detail)).toContain('over the limit');
  });

  it('a session naming a task or a family that is not in the registry (never code as data)', async () => {
    const task = await failure('task', packr.pack(session({ task: 'evil:exec' })));
    expect(task).toMatchObject({ failure: 'invalid-payload' });
    const family = await failure(
      'family',
      packr.pack(
        session({
          shared: { families: [{ kind: 'eval', options: 'process.exit(1)' }], blockSize: 256 },
        }),
      ),
    );
    expect(family).toMatchObject({ mixkit: 'thread', error: { kind: 'invalid-input' } });
  });

  it("a source outside the data root, or rows that are not the coordinator's", async () => {
    const outside = await failure(
      'escape',
      packr.pack(
        session({
          parts: [{ source: { kind: 'csv', path: '../../../../etc/passwd' }, rows: 12_000 }],
        }),
      ),
    );
    expect(outside).toMatchObject({ failure: 'invalid-payload' });
    expect(String(outside.detail)).toContain('outside');
    const other = await failure('other', packr.pack(session({ digests: ['0'.repeat(64)] })));
    expect(other).toMatchObject({ failure: 'shard-source' });
  });

  it('an object with a class inside (msgpackr can build Errors and Sets): refused', async () => {
    const reason = await failure('typed', packr.pack(session({ shared: new Set([1]) })));
    expect(reason).toMatchObject({ failure: 'invalid-payload' });
  });

  it('after all that, the same worker serves a real fit to the same bits', async () => {
    const fit = {
      family: gaussianDiag(),
      nClusters: 8,
      maxIterations: 3,
      tolerance: 0,
      random: 2,
      init: 'random' as const,
    };
    const { X, parts } = await loadDataset(data.sources, data.root);
    const executor = await DistributedExecutor.connect({
      connection,
      parts,
      workers: 1,
      jobRows: 8_000,
    });
    try {
      const model = await fitMixtureAsync(X, { ...fit, executor });
      expect(fingerprint(model)).toBe(fingerprint(fitMixture(X, fit)));
      expect(executor.counts.dispatched).toBeGreaterThan(0);
    } finally {
      await executor.close({ clear: true });
    }
    expect(worker.child.exitCode).toBeNull();
  });
});
