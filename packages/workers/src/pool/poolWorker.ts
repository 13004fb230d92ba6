import { fromThreadError, WorkerError } from '@mixkit/core';
import type { FromWorker } from './protocol.js';
import type { ThreadPort } from './threadPort.js';

/** A waiting request to one worker. */
interface Pending {
  readonly resolve: (message: FromWorker) => void;
  readonly reject: (error: Error) => void;
}

/** One live worker of a `WorkerPool` and the answers the pool waits for from it. */
export class PoolWorker {
  readonly ready: Promise<void>;
  /** Answers awaited, by `session:round` (open: round -1). */
  readonly pending = new Map<string, Pending>();
  failure: WorkerError | undefined;
  private busy = 0;

  constructor(
    readonly index: number,
    readonly port: ThreadPort,
    modules: readonly string[],
    onDead: (worker: PoolWorker) => void,
  ) {
    let started: Pending | undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = { resolve: () => resolve(), reject };
    });
    port.onMessage((message) => {
      if (message.type === 'ready') {
        this.release();
        started?.resolve(message);
        return;
      }
      if (message.type === 'failed' && message.session === -1) {
        this.release();
        const detail = fromThreadError(message.error, index).message;
        started?.reject(new WorkerError('failed-to-start', detail, index));
        return;
      }
      const key = `${message.session}:${message.type === 'opened' ? -1 : message.round}`;
      const waiting = this.pending.get(key);
      if (waiting === undefined) return;
      this.pending.delete(key);
      this.release();
      if (message.type === 'failed') waiting.reject(fromThreadError(message.error, index));
      else waiting.resolve(message);
    });
    port.onFailure((error) => {
      this.failure = error;
      started?.reject(error);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      onDead(this);
    });
    // A rejected start is reported through the requests that wait for it.
    this.ready.catch(() => {});
    // Held while it starts and while a request waits, else unref'd (so an idle pool never keeps
    // the process alive): set after the listeners, since attaching a 'message' listener refs a
    // Node worker's port again.
    port.unref();
    this.hold();
    port.post({ type: 'init', modules });
  }

  /** Sends a request and waits for the answer keyed `session:round`. */
  request(key: string, send: () => void): Promise<FromWorker> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return this.ready.then(
      () =>
        new Promise<FromWorker>((resolve, reject) => {
          if (this.failure !== undefined) {
            reject(this.failure);
            return;
          }
          this.pending.set(key, { resolve, reject });
          this.hold();
          send();
        }),
    );
  }

  /** Forgets an answer nobody waits for any more (an aborted round). */
  forget(key: string): void {
    if (this.pending.delete(key)) this.release();
  }

  private hold(): void {
    if (this.busy++ === 0) this.port.ref();
  }

  private release(): void {
    if (--this.busy === 0) this.port.unref();
  }
}
