import type { WorkerError } from '@mixkit/core';
import type { FromWorker, ToWorker } from './protocol.js';

/**
 * One worker thread as the pool sees it, whatever the platform (Node's `worker_threads`, a
 * browser's `Worker`): post a message, hear its answers and its failure, keep the process alive
 * only while it has work (`ref`/`unref`), end it.
 */
export interface ThreadPort {
  /** Posts a message to the worker (structured clone; `SharedArrayBuffer`s are shared). */
  post(message: ToWorker): void;
  /** Called with every message from the worker. */
  onMessage(handler: (message: FromWorker) => void): void;
  /** Called once if the worker dies or cannot start (never for a task's own error). */
  onFailure(handler: (error: WorkerError) => void): void;
  /** Keeps the process alive while the worker has work (no-op in browsers). */
  ref(): void;
  /** Lets the process exit while the worker is idle (no-op in browsers). */
  unref(): void;
  /** Ends the worker now. */
  terminate(): void;
}

/** Makes the thread of worker number `index`. */
export type ThreadFactory = (index: number) => ThreadPort;
