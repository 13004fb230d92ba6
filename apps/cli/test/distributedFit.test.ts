import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBlobs } from '@mixkit/datasets';
import { type ShardWorker, startShardWorker } from '@mixkit/distributed';
import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The distributed package's throwaway redis-server (127.0.0.1, a free port, no persistence).
import { type RedisServer, startRedis } from '../../../packages/distributed/test/redisServer.js';
import { runInProcess } from './helpers/runInProcess.js';

let redis: RedisServer;
let root: string;
const workers: ShardWorker[] = [];
const { X } = makeBlobs({ nSamples: 6_000, nFeatures: 4, centers: 3, random: 2 });

beforeAll(async () => {
  redis = await startRedis();
  root = mkdtempSync(join(tmpdir(), 'mixkit-cli-dist-'));
  const rows = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) =>
      Array.from(X.data.subarray((from + i) * 4, (from + i + 1) * 4)).join(','),
    );
  writeFileSync(join(root, 'a.csv'), ['x0,x1,x2,x3', ...rows(0, 2_000)].join('\n'));
  writeFileSync(join(root, 'b.f64'), X.data.subarray(2_000 * 4));
  writeFileSync(
    join(root, 'b.json'),
    JSON.stringify({
      rows: 4_000,
      cols: 4,
      dtype: 'float64',
      byteOrder: 'little',
      layout: 'row-major',
    }),
  );
  const connection = { port: redis.port };
  for (let w = 0; w < 2; w++) workers.push(await startShardWorker({ connection, dataRoot: root }));
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.close()));
  await redis?.dispose();
});

describe('mixkit fit --redis --init random-from-data', () => {
  it('fits with rows read by the workers only, the bits of the in-process fit', async () => {
    const modelOut = join(root, 'model.json');
    const run = await runInProcess([
      'fit',
      'a.csv',
      '--source',
      'b.json',
      '--redis',
      `redis://127.0.0.1:${redis.port}`,
      '--data-root',
      root,
      '--k',
      '3',
      '--covariance',
      'diag',
      '--init',
      'random-from-data',
      '--seed',
      '5',
      '--max-iterations',
      '6',
      '--model-out',
      modelOut,
    ]);
    expect(run.stderr).toContain('6000 rows x 4 from 2 source(s), rows read by the workers only');
    expect(run.status).toBe(0);
    const expected = fitMixture(X, {
      family: gaussianDiag(),
      nClusters: 3,
      random: 5,
      init: 'random-from-data',
      maxIterations: 6,
    });
    expect(readFileSync(modelOut, 'utf8')).toBe(`${JSON.stringify(expected.toJSON())}\n`);
  });

  it.each([
    [
      ['--init', 'k-means++'],
      '--init k-means++: a distributed fit takes k-means or random-from-data',
    ],
    [
      ['--algo', 'kmeans', '--init', 'random-from-data'],
      '--init random-from-data: applies to --algo em; leave it out for k-means',
    ],
  ])('refuses %j', async (args, message) => {
    const run = await runInProcess(['fit', 'a.csv', '--redis', 'redis://127.0.0.1:1', ...args]);
    expect(run.stderr).toBe(`mixkit: ${message}\n`);
    expect(run.status).toBe(2);
  });
});
