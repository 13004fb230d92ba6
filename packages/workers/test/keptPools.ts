import type { ShardExecutor } from '@mixkit/core';
import { afterAll } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import type { WorkerPool } from '../src/pool/workerPool.js';
import { workerBundleUrl } from './workerBundle.js';

/**
 * One kept-alive pool per worker count, shared by a test file's tests and destroyed after them:
 * call once at the top of the file, then `pool(workers)`.
 */
export function keptPools(): (workers: number) => WorkerPool {
  const workerUrl = workerBundleUrl();
  const pools = new Map<number, WorkerPool>();
  afterAll(() => {
    for (const existing of pools.values()) existing.destroy();
  });
  return (workers) => {
    let existing = pools.get(workers);
    if (existing === undefined) {
      existing = createWorkerPool({ workers, workerUrl, keepAlive: true });
      pools.set(workers, existing);
    }
    return existing;
  };
}

/** `executor`, recording the name of every task it opens a session of. */
export function recording(executor: ShardExecutor, names: string[]): ShardExecutor {
  return {
    workers: executor.workers,
    open(task, setup, plan, local) {
      names.push(task.name);
      return executor.open(task, setup, plan, local);
    },
  };
}
