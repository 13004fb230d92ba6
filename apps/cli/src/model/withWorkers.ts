import type { ShardExecutor } from '@mixkit/core';
import { createWorkerPool } from '@mixkit/workers';

/**
 * Runs `work` with a pool of `workers` threads as its executor (`undefined` for 0: every pass
 * in this thread). The pool keeps its idle workers between the fits of a grid, so each
 * candidate does not start threads afresh; it starts none until a fit's data spans more than
 * one shard (small data stays in this thread), and is destroyed when `work` settles, so no
 * worker outlives the command.
 */
export async function withWorkers<T>(
  workers: number,
  work: (executor: ShardExecutor | undefined) => Promise<T>,
): Promise<T> {
  if (workers === 0) return work(undefined);
  const pool = createWorkerPool({ workers, keepAlive: true });
  try {
    return await work(pool);
  } finally {
    pool.destroy();
  }
}
