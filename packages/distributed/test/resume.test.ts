import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { gaussianDiag } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisConnection, RoundCounts } from '../src/index.js';
import { bundle } from './bundle.js';
import { type RedisServer, startRedis } from './redisServer.js';
import { fingerprint, type TestData, writeTestData } from './testData.js';
import { startWorkerProcess, type WorkerProcess } from './workerProcesses.js';

let redis: RedisServer;
let connection: RedisConnection;
let data: TestData;
const workers: WorkerProcess[] = [];
const fit = { nClusters: 8, maxIterations: 6, tolerance: 0, random: 12, init: 'random' as const };

beforeAll(async () => {
  redis = await startRedis();
  connection = { port: redis.port };
  data = writeTestData(30_000, 16, 8, 3_000, 33);
  for (let w = 0; w < 2; w++) {
    workers.push(await startWorkerProcess({ connection, dataRoot: data.root, drillDelayMs: 60 }));
  }
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await redis?.dispose();
});

interface CoordinatorLine {
  readonly type: 'iteration' | 'done';
  readonly iteration?: number;
  readonly fingerprint?: string;
  readonly counts?: RoundCounts;
}

/** Runs a coordinator process; `until` may kill it (SIGKILL) on a line. Resolves with its lines. */
function coordinator(
  fitId: string,
  until?: (line: CoordinatorLine) => boolean,
): Promise<CoordinatorLine[]> {
  const entry = bundle('fixtures/coordinatorMain.ts');
  const args = { connection, root: data.root, sources: data.sources, fitId, fit };
  const child = spawn(process.execPath, [entry, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: CoordinatorLine[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line: CoordinatorLine = JSON.parse(text);
    lines.push(line);
    if (until?.(line)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('exit', () => resolve(lines)));
}

describe('a coordinator that restarts', () => {
  it('resumes from the last completed iteration (checkpointed in Redis), to the same bits', async () => {
    const expected = fingerprint(fitMixture(data.X, { ...fit, family: gaussianDiag() }));
    const first = await coordinator('resume-test', (line) => (line.iteration ?? 0) >= 3);
    expect(first.some((line) => line.type === 'done')).toBe(false);
    const completed = first.filter((line) => line.type === 'iteration').length;
    expect(completed).toBeGreaterThanOrEqual(3);

    const second = await coordinator('resume-test');
    const done = second.find((line) => line.type === 'done');
    expect(done?.fingerprint).toBe(expected);
    const counts = done?.counts;
    // 6 iterations and the final scoring pass: the completed ones come from checkpoints, the
    // rest are dispatched; none is done twice by this coordinator.
    expect(counts?.fromCheckpoint).toBeGreaterThanOrEqual(completed);
    expect((counts?.fromCheckpoint ?? 0) + (counts?.dispatched ?? 0)).toBe(fit.maxIterations + 1);
    expect(second.filter((line) => line.type === 'iteration')).toHaveLength(fit.maxIterations);
  });
});
