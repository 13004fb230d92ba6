import { fitExecutor } from './fit/fitExecutor.js';
import type {
  EmSnapshot,
  KMeansSnapshot,
  WorkerMessage,
  WorkerRequest,
} from './fit/fitProtocol.js';
import { runMethod } from './methods/runMethod.js';

// The fit runs here, off the page's thread: the page stays responsive on large data and draws
// each snapshot as it arrives. Responsibility buffers are transferred, not copied. On a
// cross-origin-isolated page the fit's loops over rows also run on a pool of Web Workers
// (fit/fitExecutor.ts).
// (The page's tsconfig has the DOM lib, which clashes with the WebWorker lib; this is the part of
// the worker scope used here.)
interface WorkerScope {
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
  scope.postMessage(message, transfer);

scope.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, request } = event.data;
  try {
    const listener = {
      emSnapshot: (snapshot: EmSnapshot) =>
        post({ type: 'em-snapshot', id, snapshot }, [
          snapshot.responsibilities.buffer,
          snapshot.colors.soft.buffer,
          snapshot.colors.hard.buffer,
        ]),
      kmeansSnapshot: (snapshot: KMeansSnapshot) =>
        post({ type: 'kmeans-snapshot', id, snapshot }, [snapshot.labels.buffer]),
    };
    const outcome = await runMethod(request, listener, fitExecutor());
    post({ type: 'done', id, outcome });
  } catch (error) {
    post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
};
