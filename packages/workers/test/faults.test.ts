import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AbortedError,
  InvalidInputError,
  type Matrix,
  mapShards,
  openShards,
  planShards,
  runShardProgram,
  type ShardProgram,
  WorkerError,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { gaussianFull } from '@mixkit/distributions';
import { fitMixture, fitMixtureAsync } from '@mixkit/em';
import { unitGaussianFamily } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import { abortAfter } from './abortAfter.js';
import { crashingTask, type FaultSetup, slowTask, throwingTask } from './fixtures/customModule.js';
import { customModuleUrl, exitScriptUrl, workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();
const modules = [customModuleUrl().href];

/** One round of `task` over 8 shards of 800 rows with input 2: the shards' outputs. */
function* oneRound(task: typeof throwingTask, setup: FaultSetup): ShardProgram<never, number[]> {
  const session = yield* openShards(task, setup, planShards(800, 100), undefined);
  return yield* mapShards(session, 2);
}

const data: Matrix = makeBlobs({ nSamples: 80_000, nFeatures: 3, centers: 3, random: 2 }).X;
const fit = { family: gaussianFull(), nClusters: 3, maxIterations: 3, random: 4 } as const;

describe('worker faults', () => {
  it('a task that throws rejects with the same typed error, and the pool stays usable', async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl, modules });
    const failing = runShardProgram(oneRound(throwingTask, { badShard: 5, shardMs: 0 }), {
      executor: pool,
      what: 'test',
    });
    const error = await failing.catch((caught: unknown) => caught);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 500, value: 2 });
    const outputs = await runShardProgram(oneRound(throwingTask, { badShard: -1, shardMs: 0 }), {
      executor: pool,
      what: 'test',
    });
    expect(outputs).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    // The pool ends its workers with its last session: none outlives the fit.
    expect(pool.liveWorkers).toBe(0);
  });

  it('a worker that crashes gives a WorkerError; the next fit on the same pool gets a new worker', async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl, modules, keepAlive: true });
    try {
      const error = await runShardProgram(oneRound(crashingTask, { badShard: 6, shardMs: 0 }), {
        executor: pool,
        what: 'test',
      }).catch((caught: unknown) => caught);
      expect(WorkerError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failure: 'crashed', worker: 1 });
      const model = await fitMixtureAsync(data, { ...fit, executor: pool });
      expect(model.diagnostics.objective).toEqual(fitMixture(data, fit).diagnostics.objective);
      expect(pool.liveWorkers).toBe(2);
    } finally {
      pool.destroy();
    }
    expect(pool.liveWorkers).toBe(0);
  });

  it('an abort stops a round within 100 ms, and the pool stays usable', async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl, modules, keepAlive: true });
    try {
      // Workers started and warm, then 8 shards of 400 ms: a round would take 1.6 s on two.
      await runShardProgram(oneRound(slowTask, { badShard: -1, shardMs: 1 }), {
        executor: pool,
        what: 'test',
      });
      const { error, stoppedMs } = await abortAfter(150, (signal) =>
        runShardProgram(oneRound(slowTask, { badShard: -1, shardMs: 400 }), {
          executor: pool,
          signal,
          what: 'test',
        }),
      );
      // From the abort to the rejection (the workers are still inside a 400 ms shard).
      expect(AbortedError.isInstance(error)).toBe(true);
      expect(stoppedMs).toBeLessThan(100);
      const outputs = await runShardProgram(oneRound(slowTask, { badShard: -1, shardMs: 1 }), {
        executor: pool,
        what: 'test',
      });
      expect(outputs).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    } finally {
      pool.destroy();
    }
  });

  it('a family of the user’s own, from a module the workers import, gives the same bits', async () => {
    const pool = createWorkerPool({ workers: 2, workerUrl, modules });
    const X = makeBlobs({ nSamples: 200_000, nFeatures: 2, centers: 3, random: 5 }).X;
    const options = { family: unitGaussianFamily, nClusters: 3, maxIterations: 4, random: 6 };
    const sync = fitMixture(X, options);
    const parallel = await fitMixtureAsync(X, { ...options, executor: pool });
    expect(parallel.diagnostics.objective).toEqual(sync.diagnostics.objective);
    expect(JSON.stringify(parallel.toJSON())).toBe(JSON.stringify(sync.toJSON()));
  });

  it('a module the workers cannot load gives a WorkerError (failed to start), then the pool works', async () => {
    const broken = createWorkerPool({
      workers: 2,
      workerUrl,
      modules: [new URL('./no-such-module.mjs', workerUrl).href],
    });
    const error = await fitMixtureAsync(data, { ...fit, executor: broken }).catch(
      (caught: unknown) => caught,
    );
    expect(WorkerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ failure: 'failed-to-start' });
    expect(broken.liveWorkers).toBe(0);
    const pool = createWorkerPool({ workers: 2, workerUrl });
    const model = await fitMixtureAsync(data, { ...fit, executor: pool });
    expect(model.diagnostics.objective).toEqual(fitMixture(data, fit).diagnostics.objective);
  });

  it('a process with kept-alive pools it never destroys (one used, one only started) still exits', () => {
    const script = fileURLToPath(exitScriptUrl());
    const result = spawnSync(process.execPath, [script, workerUrl.href], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/fitted 3 components on 2 live workers, 1 idle/);
  });
});
