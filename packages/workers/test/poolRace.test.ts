import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AbortedError,
  InvalidInputError,
  mapShards,
  openShards,
  planShards,
  runShardProgram,
  type ShardProgram,
  WorkerError,
} from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { nodePort } from '../src/node/nodePort.js';
import { WorkerPool } from '../src/pool/workerPool.js';
import { abortAfter } from './abortAfter.js';
import { type ScriptSetup, scriptedTask } from './fixtures/customModule.js';
import { customModuleUrl, raceScriptUrl, workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();
const modules = [customModuleUrl().href];

/** A kept-alive pool of 2 workers that counts the worker threads it starts. */
function countingPool(): { pool: WorkerPool; started: () => number } {
  let started = 0;
  const pool = new WorkerPool(
    (index) => {
      started++;
      return nodePort(workerUrl, index);
    },
    { workers: 2, modules, keepAlive: true },
  );
  return { pool, started: () => started };
}

/** One round over 8 shards of 100 rows with input 2 (worker 0 runs shards 0-3, worker 1 4-7). */
function* oneRound(setup: Partial<ScriptSetup>): ShardProgram<never, number[]> {
  const full: ScriptSetup = { shardMs: [], crash: [], throws: [], ...setup };
  const session = yield* openShards(scriptedTask, full, planShards(800, 100), undefined);
  return yield* mapShards(session, 2);
}

const expected = [0, 2, 4, 6, 8, 10, 12, 14];
/** Every shard 30 ms: a fit that is still running when a crash 200 ms old lands. */
const healthy = { shardMs: new Array(8).fill(30) };

describe('a fault of one fit never lands in the next fit on the same pool', () => {
  it('two workers crash in one fit; the next two fits, started at once, get one new worker per slot', async () => {
    const { pool, started } = countingPool();
    try {
      await pool.start();
      // Worker 0 crashes after 150 ms, worker 1 300 ms later, while the next fits are under
      // way. (Both are inside their shard by then: a worker that had not started it would see
      // the closed session's abort flag and skip it.)
      const error = await runShardProgram(
        oneRound({ shardMs: [150, 0, 0, 0, 450], crash: [0, 4] }),
        {
          executor: pool,
          what: 'test',
        },
      ).catch((caught: unknown) => caught);
      expect(WorkerError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failure: 'crashed', worker: 0 });
      const [second, third] = await Promise.all([
        runShardProgram(oneRound(healthy), { executor: pool, what: 'test' }),
        runShardProgram(oneRound(healthy), { executor: pool, what: 'test' }),
      ]);
      expect(second).toEqual(expected);
      expect(third).toEqual(expected);
      // 2 at start, then exactly one replacement for each crashed worker.
      expect(started()).toBe(4);
      expect(pool.liveWorkers).toBe(2);
    } finally {
      pool.destroy();
    }
    expect(pool.liveWorkers).toBe(0);
  });

  it('an abort races a crash: the fit stops within 100 ms, the crash lands after it, the next fit succeeds', async () => {
    const { pool, started } = countingPool();
    try {
      await pool.start();
      // Every shard 300 ms; worker 1 crashes at the end of its first shard (after the abort).
      const { error, stoppedMs } = await abortAfter(150, (signal) =>
        runShardProgram(oneRound({ shardMs: new Array(8).fill(300), crash: [4] }), {
          executor: pool,
          signal,
          what: 'test',
        }),
      );
      expect(AbortedError.isInstance(error)).toBe(true);
      expect(stoppedMs).toBeLessThan(100);
      expect(await runShardProgram(oneRound(healthy), { executor: pool, what: 'test' })).toEqual(
        expected,
      );
      // Worker 0 stopped at its next shard and is kept; worker 1 is replaced once.
      expect(started()).toBe(3);
      expect(pool.liveWorkers).toBe(2);
    } finally {
      pool.destroy();
    }
  });

  it("another worker's error from a failed fit is dropped; no worker is replaced", async () => {
    const { pool, started } = countingPool();
    try {
      await pool.start();
      const error = await runShardProgram(
        oneRound({ shardMs: [100, 0, 0, 0, 400], throws: [0, 4] }),
        { executor: pool, what: 'test' },
      ).catch((caught: unknown) => caught);
      expect(InvalidInputError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ row: 0 });
      expect(await runShardProgram(oneRound(healthy), { executor: pool, what: 'test' })).toEqual(
        expected,
      );
      expect(started()).toBe(2);
    } finally {
      pool.destroy();
    }
  });

  it('destroy() during a fit rejects it with WorkerError at once and ends every worker; the pool can be used again', async () => {
    const { pool, started } = countingPool();
    await pool.start();
    const fit = runShardProgram(oneRound({ shardMs: new Array(8).fill(300) }), {
      executor: pool,
      what: 'test',
    }).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const destroyedAt = performance.now();
    pool.destroy();
    const error = await fit;
    expect(performance.now() - destroyedAt).toBeLessThan(100);
    expect(WorkerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ failure: 'crashed' });
    expect(pool.liveWorkers).toBe(0);
    expect(await runShardProgram(oneRound(healthy), { executor: pool, what: 'test' })).toEqual(
      expected,
    );
    expect(started()).toBe(4);
    pool.destroy();
  });

  it('destroy() while the workers are still starting rejects the fit at once', async () => {
    const { pool, started } = countingPool();
    const fit = runShardProgram(oneRound(healthy), { executor: pool, what: 'test' }).catch(
      (caught: unknown) => caught,
    );
    // The fit's open waits for the workers to load; end them before they are ready.
    await new Promise((resolve) => setImmediate(resolve));
    pool.destroy();
    const error = await fit;
    expect(WorkerError.isInstance(error)).toBe(true);
    expect(started()).toBe(2);
    expect(pool.liveWorkers).toBe(0);
  });

  it('a fit opening while its pool is destroyed rejects and starts no worker', async () => {
    const { pool, started } = countingPool();
    await pool.start();
    // Worker 1 is still busy with the failed fit when the next one opens, so that open waits.
    await runShardProgram(oneRound({ shardMs: [100, 0, 0, 0, 300], throws: [0, 4] }), {
      executor: pool,
      what: 'test',
    }).catch(() => {});
    const opening = runShardProgram(oneRound(healthy), { executor: pool, what: 'test' }).catch(
      (caught: unknown) => caught,
    );
    pool.destroy();
    const error = await opening;
    expect(WorkerError.isInstance(error)).toBe(true);
    expect(started()).toBe(2);
    expect(pool.liveWorkers).toBe(0);
  });

  it('a process whose kept-alive pool saw a crash land during its next fit still exits', () => {
    const script = fileURLToPath(raceScriptUrl());
    const result = spawnSync(process.execPath, [script, workerUrl.href, modules[0] ?? ''], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/first: WorkerError; second: 0,2,4,6,8,10,12,14; live: 2/);
  });
});
