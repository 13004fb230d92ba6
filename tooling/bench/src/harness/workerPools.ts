import { existsSync } from 'node:fs';
import { createWorkerPool, type WorkerPool } from '@mixkit/workers';

const pools = new Map<number, WorkerPool>();

/**
 * The run's pool of `workers` worker threads (kept alive between fits, never holding the process
 * open), started before it is first timed: a contender's `prepare` awaits this, so worker
 * start-up is not in the timed region (a fit on a fresh pool pays it once, about 0.1 s).
 */
export async function benchPool(workers: number): Promise<WorkerPool> {
  let pool = pools.get(workers);
  if (pool === undefined) {
    pool = createWorkerPool({ workers, keepAlive: true, ...workerUrl() });
    pools.set(workers, pool);
  }
  await pool.start();
  return pool;
}

/**
 * A build that bundles the mixkit sources (MIXKIT_BENCH_FROM_SOURCE=1) also emits the worker
 * entry beside the harness (see tsup.config.ts); otherwise the package's own dist entry is used.
 */
function workerUrl(): { workerUrl?: URL } {
  const url = new URL('./nodeWorker.js', import.meta.url);
  return existsSync(url) ? { workerUrl: url } : {};
}
