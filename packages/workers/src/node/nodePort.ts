import { Worker } from 'node:worker_threads';
import { WorkerError } from '@mixkit/core';
import type { FromWorker } from '../pool/protocol.js';
import type { ThreadPort } from '../pool/threadPort.js';

/** A `ThreadPort` over a Node worker thread running `url` (an ES module). */
export function nodePort(url: URL, index: number): ThreadPort {
  const worker = new Worker(url);
  let failed = false;
  let onFailure: (error: WorkerError) => void = () => {};
  const fail = (error: WorkerError) => {
    if (failed) return;
    failed = true;
    onFailure(error);
  };
  worker.on('error', (error) => {
    fail(new WorkerError('crashed', error.message, index, { cause: error }));
  });
  worker.on('messageerror', (error) => {
    fail(
      new WorkerError('crashed', `unreadable message: ${error.message}`, index, { cause: error }),
    );
  });
  worker.on('exit', (code) => {
    fail(new WorkerError('crashed', `exited with code ${code}`, index));
  });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => {
      // The worker posts only `FromWorker` messages (see serveShards).
      worker.on('message', (message: FromWorker) => handler(message));
    },
    onFailure: (handler) => {
      onFailure = handler;
    },
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    terminate: () => {
      failed = true;
      void worker.terminate();
    },
  };
}
