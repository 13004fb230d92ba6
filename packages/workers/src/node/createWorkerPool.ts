import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { WorkerPool, type WorkerPoolOptions } from '../pool/workerPool.js';
import { nodePort } from './nodePort.js';

/** Options of `createWorkerPool`. */
export interface NodeWorkerPoolOptions extends Partial<WorkerPoolOptions> {
  /**
   * The worker entry module. Default: this package's built `nodeWorker.js` beside this module,
   * else the URL in the environment variable `MIXKIT_WORKER_ENTRY` (for setups that move this
   * package's files, such as a bundle, or tests that run from its TypeScript sources).
   */
  readonly workerUrl?: URL;
}

/**
 * A pool of Node worker threads to pass as `executor` to async fits
 * (`fitMixtureAsync`, `GaussianMixture.fitAsync`, `KMeans.fitAsync`). Default: one worker per
 * core the process may use (`os.availableParallelism()`).
 *
 * ```ts
 * const pool = createWorkerPool({ workers: 2 });
 * const model = await fitMixtureAsync(X, { family: gaussianFull(), nClusters: 8, executor: pool });
 * ```
 */
export function createWorkerPool(options: NodeWorkerPoolOptions = {}): WorkerPool {
  const url = options.workerUrl ?? defaultWorkerUrl();
  return new WorkerPool((index) => nodePort(url, index), {
    workers: options.workers ?? availableParallelism(),
    ...(options.modules === undefined ? {} : { modules: options.modules }),
    ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
  });
}

function defaultWorkerUrl(): URL {
  const beside = new URL('./nodeWorker.js', import.meta.url);
  const configured = process.env.MIXKIT_WORKER_ENTRY;
  if (existsSync(beside) || configured === undefined) return beside;
  return new URL(configured);
}
