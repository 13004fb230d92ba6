import type {
  EmSnapshot,
  FitOutcome,
  FitRequest,
  KMeansSnapshot,
  WorkerMessage,
  WorkerRequest,
} from './fit/fitProtocol.js';

export interface FitHandlers {
  onEmSnapshot(snapshot: EmSnapshot): void;
  onKMeansSnapshot(snapshot: KMeansSnapshot): void;
  onDone(outcome: FitOutcome): void;
  onError(message: string): void;
}

/** Runs fits in a Web Worker, one at a time; starting a new fit abandons the running one. */
export interface FitClient {
  start(request: FitRequest, handlers: FitHandlers): void;
  /** Stops the running fit, if any (the worker is terminated, so even a long fit stops at once). */
  cancel(): void;
}

export function createFitClient(): FitClient {
  let worker: Worker | undefined;
  let running: { id: number; handlers: FitHandlers } | undefined;
  let nextId = 1;

  const spawn = (): Worker => {
    const created = new Worker(new URL('./fitWorker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      // Messages of an abandoned fit can still be queued; they are dropped here.
      if (!running || message.id !== running.id) return;
      const { handlers } = running;
      switch (message.type) {
        case 'em-snapshot':
          handlers.onEmSnapshot(message.snapshot);
          break;
        case 'kmeans-snapshot':
          handlers.onKMeansSnapshot(message.snapshot);
          break;
        case 'done':
          running = undefined;
          // Where the fit ran (a pool of Web Workers, or the fit worker alone), for the e2e test.
          document.documentElement.dataset.fitExecutor = message.outcome.executor;
          handlers.onDone(message.outcome);
          break;
        case 'error':
          running = undefined;
          handlers.onError(message.message);
          break;
      }
    };
    created.onerror = (event) => {
      const failed = running;
      running = undefined;
      failed?.handlers.onError(`the fit worker failed: ${event.message}`);
    };
    return created;
  };

  const cancel = () => {
    if (running && worker) {
      worker.terminate();
      worker = undefined;
    }
    running = undefined;
  };

  return {
    start(request, handlers) {
      cancel();
      worker ??= spawn();
      const id = nextId++;
      running = { id, handlers };
      const message: WorkerRequest = { type: 'fit', id, request };
      worker.postMessage(message);
    },
    cancel,
  };
}
