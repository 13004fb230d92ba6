import type { ToWorker } from '../pool/protocol.js';
import { serveShards, type WorkerModule } from '../worker/serveShards.js';

/**
 * Serves a `createWebWorkerPool` pool from inside a Web Worker: call it once in the worker
 * module your bundler builds.
 *
 * ```ts
 * // poolWorker.ts
 * import { serveWebWorker } from '@mixkit/workers/browser';
 * serveWebWorker();
 * ```
 */
export function serveWebWorker(): void {
  const scope = globalThis as unknown as {
    postMessage(message: unknown): void;
    addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  };
  serveShards({
    post: (message) => scope.postMessage(message),
    onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
    load: async (specifier) => {
      const module: WorkerModule = await import(/* @vite-ignore */ specifier);
      return module;
    },
  });
}
