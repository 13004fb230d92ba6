import { isMainThread, parentPort } from 'node:worker_threads';
import type { ToWorker } from '../pool/protocol.js';
import { serveShards, type WorkerModule } from '../worker/serveShards.js';

// The entry of every worker thread of `createWorkerPool`.
if (isMainThread || parentPort === null) {
  throw new Error(
    '@mixkit/workers: nodeWorker is the entry of a worker thread, not a module to import',
  );
}
const port = parentPort;
serveShards({
  post: (message) => port.postMessage(message),
  onMessage: (handler) => {
    // The pool posts only `ToWorker` messages (see WorkerPool).
    port.on('message', (message: ToWorker) => handler(message));
  },
  load: async (specifier) => {
    const module: WorkerModule = await import(specifier);
    return module;
  },
});
