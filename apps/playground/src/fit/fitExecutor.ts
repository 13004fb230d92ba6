import type { ShardExecutor } from '@mixkit/core';
import { createWebWorkerPool } from '@mixkit/workers/browser';

/** Where the playground's fits run their loops over rows, and how the page names it. */
export interface FitExecutor {
  readonly executor: ShardExecutor | undefined;
  /** `web-workers:N` (a pool of N Web Workers sharing the data) or `in-thread`. */
  readonly label: string;
}

let chosen: FitExecutor | undefined;

/**
 * The fit worker's executor, chosen once: a pool of Web Workers when the page is
 * cross-origin isolated (served with COOP/COEP, see vite.config.ts), so the data is shared
 * through `SharedArrayBuffer`; otherwise none, and the fit runs in the fit worker alone (a clean
 * fallback: the same results, one core). Data of a single shard never reaches the pool.
 */
export function fitExecutor(): FitExecutor {
  if (chosen !== undefined) return chosen;
  const scope = globalThis as {
    crossOriginIsolated?: boolean;
    navigator?: { hardwareConcurrency?: number };
  };
  if (scope.crossOriginIsolated !== true) {
    chosen = { executor: undefined, label: 'in-thread' };
    return chosen;
  }
  const workers = Math.max(1, Math.min(4, scope.navigator?.hardwareConcurrency ?? 2));
  const executor = createWebWorkerPool({
    workers,
    keepAlive: true,
    create: () => new Worker(new URL('../poolWorker.ts', import.meta.url), { type: 'module' }),
  });
  chosen = { executor, label: `web-workers:${workers}` };
  return chosen;
}
