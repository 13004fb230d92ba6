import { WorkerError } from '@mixkit/core';
import type { FromWorker } from '../pool/protocol.js';
import type { ThreadPort } from '../pool/threadPort.js';
import { WorkerPool, type WorkerPoolOptions } from '../pool/workerPool.js';

/** Options of `createWebWorkerPool`. */
export interface WebWorkerPoolOptions extends Partial<WorkerPoolOptions> {
  /**
   * Makes one Web Worker running `serveWebWorker()` (your bundler builds it), e.g.
   * `() => new Worker(new URL('./poolWorker.ts', import.meta.url), { type: 'module' })`.
   */
  readonly create: () => Worker;
}

/**
 * A pool of Web Workers to pass as `executor` to async fits. Data is shared through
 * `SharedArrayBuffer` when the page is cross-origin isolated (`crossOriginIsolated`: served
 * with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy:
 * require-corp`); otherwise each worker gets its own copy of the data once per fit. Default:
 * `navigator.hardwareConcurrency` workers.
 */
export function createWebWorkerPool(options: WebWorkerPoolOptions): WorkerPool {
  const workers = options.workers ?? globalThis.navigator?.hardwareConcurrency ?? 2;
  return new WorkerPool((index) => webPort(options.create(), index), {
    workers,
    ...(options.modules === undefined ? {} : { modules: options.modules }),
    ...(options.keepAlive === undefined ? {} : { keepAlive: options.keepAlive }),
  });
}

function webPort(worker: Worker, index: number): ThreadPort {
  let failed = false;
  let onFailure: (error: WorkerError) => void = () => {};
  const fail = (error: WorkerError) => {
    if (failed) return;
    failed = true;
    onFailure(error);
  };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new WorkerError('crashed', event.message || 'the worker failed', index));
  });
  worker.addEventListener('messageerror', () => {
    fail(new WorkerError('crashed', 'unreadable message', index));
  });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => {
      // The worker posts only `FromWorker` messages (see serveShards).
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => handler(event.data));
    },
    onFailure: (handler) => {
      onFailure = handler;
    },
    ref: () => {},
    unref: () => {},
    terminate: () => {
      failed = true;
      worker.terminate();
    },
  };
}
