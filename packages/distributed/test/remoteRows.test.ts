import { InvalidInputError, remoteRows } from '@mixkit/core';
import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire } from '../src/codec/wireCodec.js';
import {
  type DatasetPart,
  DistributedExecutor,
  openRedis,
  type RedisConnection,
} from '../src/index.js';
import { emptiedComponentFit } from './emptiedComponentFit.js';
import { type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
const workers: WorkerProcess[] = [];
/** The row counts of the two sources, known from how the test wrote them. */
let parts: DatasetPart[];

beforeAll(async () => {
  redis = await startRedis({ password: 'test-secret' });
  connection = { port: redis.port, password: 'test-secret' };
  // 30,000 rows x 16: 5 shards of an EM pass (k = 8).
  data = writeTestData(30_000, 16, 8, 7_000);
  parts = [
    { source: data.sources[0], rows: 7_000 },
    { source: data.sources[1], rows: 23_000 },
  ].flatMap(({ source, rows }) => (source === undefined ? [] : [{ source, rows }]));
  for (let w = 0; w < 2; w++) {
    workers.push(await startWorkerProcess({ connection, dataRoot: data.root }));
  }
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await redis?.dispose();
});

/**
 * The coordinator of these fits is given the data's shape (`remoteRows`) and the sources' paths,
 * which are relative to the workers' data root: this process has no root to resolve them against
 * and no rows, and the executor's sessions carry no digests (it computes them from rows it holds).
 */
async function executor(): Promise<DistributedExecutor> {
  return DistributedExecutor.connect({ connection, parts, jobRows: 8_000 });
}

const shape = () => remoteRows(30_000, 16);

describe('a fit whose coordinator never reads the rows (RemoteRows)', () => {
  for (const [name, family] of [
    ['diagonal Gaussian', gaussianDiag()],
    ['full Gaussian', gaussianFull()],
  ] as const) {
    it(`${name}, 'random-from-data': the bits of the in-process fit of the rows`, async () => {
      const options = {
        family,
        nClusters: 8,
        maxIterations: 5,
        tolerance: 0,
        init: 'random-from-data',
        nInit: 2,
        random: 3,
      } as const;
      const expected = fingerprint(fitMixture(data.X, options));
      const distributed = await executor();
      try {
        const model = await fitMixtureAsync(shape(), { ...options, executor: distributed });
        expect(fingerprint(model)).toBe(expected);
        // Everything read back over the whole fit (12 rounds of 5 shards): sums and a few rows,
        // under half the data's 30,000 x 16 x 8 B = 3.84 MB even for full covariances.
        expect(distributed.counts.bytesReceived).toBeLessThan(1_920_000);
        // The sessions the workers read: the data task, then the passes, neither with a digest
        // of rows (the coordinator had none to digest).
        const client = await openRedis(connection);
        try {
          for (const [session, task] of ['@mixkit/em:data', '@mixkit/em:pass'].entries()) {
            const key = `mixkit:fit:${distributed.fitId}:session:${session}`;
            const bytes = await client.getBuffer(key);
            expect(bytes).not.toBeNull();
            const descriptor = decodeWire(bytes ?? Buffer.alloc(0), 'a session', 1 << 26);
            expect(descriptor).toMatchObject({ task, digests: [] });
          }
        } finally {
          client.disconnect();
        }
      } finally {
        await distributed.close({ clear: true });
      }
    });
  }

  it('user-given initial parameters need no rows at all', async () => {
    const start = fitMixture(data.X, {
      family: gaussianDiag(),
      nClusters: 4,
      maxIterations: 1,
      random: 1,
      init: 'random-from-data',
    });
    const options = {
      family: gaussianDiag(),
      nClusters: 4,
      maxIterations: 4,
      tolerance: 0,
      init: { kind: 'params', params: start.params, weights: start.weights },
    } as const;
    const expected = fingerprint(fitMixture(data.X, options));
    const distributed = await executor();
    try {
      const model = await fitMixtureAsync(shape(), { ...options, executor: distributed });
      expect(fingerprint(model)).toBe(expected);
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('re-seeds an emptied component from the values the pass sent with its worst rows', async () => {
    const options = emptiedComponentFit;
    const expected = fitMixture(data.X, options);
    expect(expected.diagnostics.warnings).toContainEqual(
      expect.objectContaining({ kind: 'empty-component', component: 7, action: 'reseeded' }),
    );
    const distributed = await executor();
    try {
      const model = await fitMixtureAsync(shape(), { ...options, executor: distributed });
      expect(fingerprint(model)).toBe(fingerprint(expected));
      expect(model.diagnostics.warnings).toEqual(expected.diagnostics.warnings);
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('refuses, by name, options that need the rows in this process', async () => {
    const distributed = await executor();
    try {
      const base = {
        family: gaussianDiag(),
        nClusters: 4,
        maxIterations: 2,
        executor: distributed,
      };
      const refusals = [
        [{ ...base }, 'init'],
        [{ ...base, init: 'k-means++' }, 'init'],
        [
          { ...base, init: 'random-from-data', sampleWeight: new Float64Array(30_000) },
          'sampleWeight',
        ],
      ] as const;
      for (const [options, argument] of refusals) {
        const error = await fitMixtureAsync(shape(), options).catch((e: unknown) => e);
        expect(InvalidInputError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ argument });
      }
    } finally {
      await distributed.close({ clear: true });
    }
  });

  it('refuses remote rows on an executor that does not hold them', async () => {
    const error = await fitMixtureAsync(shape(), {
      family: gaussianDiag(),
      nClusters: 4,
      init: 'random-from-data',
    }).catch((e: unknown) => e);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'executor' });
  });
});
