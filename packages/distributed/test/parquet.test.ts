import { rmSync } from 'node:fs';
import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DataSource,
  DistributedExecutor,
  describeDataset,
  loadDataset,
  type RedisConnection,
} from '../src/index.js';
import { writeParquetPart } from './parquetData.js';
import { type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
let parquet: DataSource[];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis({});
  connection = { port: redis.port };
  // 30,000 rows x 16 (k = 8: 5 shards of an EM pass) as CSV + .f64 (7,000 + 23,000 rows),
  // and the same rows as two Parquet files split elsewhere (13,000 + 17,000 rows, row groups of
  // 2,500), so no shard, part or row group boundary lines up between the two layouts.
  data = writeTestData(30_000, 16, 8, 7_000, 11);
  parquet = [
    writeParquetPart(data.root, 'part0.parquet', data.X, 0, 13_000, 2_500),
    writeParquetPart(data.root, 'part1.parquet', data.X, 13_000, 30_000, 2_500),
  ];
  for (let w = 0; w < 2; w++) {
    workers.push(await startWorkerProcess({ connection, dataRoot: data.root }));
  }
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await redis?.dispose();
  if (data !== undefined) rmSync(data.root, { recursive: true, force: true });
});

describe('Parquet shards (written with hyparquet-writer, read with hyparquet)', () => {
  it('describe from the footers and read back exactly the doubles written', async () => {
    const described = await describeDataset(parquet, data.root);
    expect(described.parts.map((part) => part.rows)).toEqual([13_000, 17_000]);
    expect(described.cols).toBe(16);
    const { X } = await loadDataset(parquet, data.root);
    expect(Buffer.from(X.data.buffer).equals(Buffer.from(data.X.data.buffer))).toBe(true);
  });

  it('a distributed fit from Parquet shards gives the bits of one from CSV/.f64 shards', async () => {
    const options = { family: gaussianDiag(), nClusters: 8, maxIterations: 6, random: 2 };
    const fitFrom = async (sources: readonly DataSource[]) => {
      const { X, parts } = await loadDataset(sources, data.root);
      const executor = await DistributedExecutor.connect({ connection, parts, jobRows: 8_000 });
      try {
        const model = await fitMixtureAsync(X, { ...options, executor });
        // Every pass ran as a round on the worker processes, which read the files themselves.
        expect(executor.counts.dispatched).toBeGreaterThanOrEqual(model.diagnostics.iterations);
        return fingerprint(model);
      } finally {
        await executor.close({ clear: true });
      }
    };
    const fromParquet = await fitFrom(parquet);
    expect(fromParquet).toBe(await fitFrom(data.sources));
    expect(fromParquet).toBe(fingerprint(fitMixture(data.X, options)));
  });
});
