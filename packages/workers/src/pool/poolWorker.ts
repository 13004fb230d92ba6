import { fromThreadError, WorkerError } from '@mixkit/core';
import type { KernelModules } from '@mixkit/linalg';
import type { FromWorker } from './protocol.js';
import type { ThreadPort } from './threadPort.js';

/** A request to one worker whose answer has not come yet. */
interface Pending {
  /** The session (the fit's generation on this pool) that sent it. */
  readonly session: number;
  readonly resolve: (message: FromWorker) => void;
  readonly reject: (error: Error) => void;
  /**
   * True once its session stopped waiting (an aborted round, a fit that another worker's fault
   * ended, a closed session): its answer is dropped when it comes, but the worker is still busy
   * with it until then.
   */
  stale: boolean;
}

/**
 * One live worker of a `WorkerPool` and the answers the pool waits for from it. Every request
 * and answer is keyed by `session:round`, and sessions are numbered once per pool, so an
 * answer, error or abort of an earlier fit never settles a later fit's request.
 */
export class PoolWorker {
  readonly ready: Promise<void>;
  /** Answers awaited, by `session:round` (open: round -1). */
  private readonly pending = new Map<string, Pending>();
  /** Called once the worker has no stale request left (or died). */
  private settledWaiters: (() => void)[] = [];
  failure: WorkerError | undefined;
  private busy = 0;
  private readonly rejectStart: (error: WorkerError) => void;

  constructor(
    readonly index: number,
    readonly port: ThreadPort,
    modules: readonly string[],
    kernels: KernelModules | undefined,
    onDead: (worker: PoolWorker) => void,
  ) {
    let started: Omit<Pending, 'session' | 'stale'> | undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = { resolve: () => resolve(), reject };
    });
    // A worker ended before it is ready (`terminate`) fails its start too.
    this.rejectStart = (error) => started?.reject(error);
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
      // An answer to a request already settled (the worker died, or the pool was destroyed).
      if (waiting === undefined) return;
      this.pending.delete(key);
      this.release();
      if (waiting.stale) this.notifyIfSettled();
      else if (message.type === 'failed') waiting.reject(fromThreadError(message.error, index));
      else waiting.resolve(message);
    });
    port.onFailure((error) => {
      this.fail(error);
      onDead(this);
    });
    // A rejected start is reported through the requests that wait for it.
    this.ready.catch(() => {});
    // Held while it starts and while a request waits, else unref'd (so an idle pool never keeps
    // the process alive): set after the listeners, since attaching a 'message' listener refs a
    // Node worker's port again.
    port.unref();
    this.hold();
    try {
      port.post({ type: 'init', modules, kernels });
    } catch {
      // A platform that cannot post a compiled module (DataCloneError): the worker compiles.
      port.post({ type: 'init', modules });
    }
  }

  /** Sends a request of `session` and waits for the answer keyed `session:round`. */
  request(key: string, session: number, send: () => void): Promise<FromWorker> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return this.ready.then(
      () =>
        new Promise<FromWorker>((resolve, reject) => {
          if (this.failure !== undefined) {
            reject(this.failure);
            return;
          }
          this.pending.set(key, { session, resolve, reject, stale: false });
          this.hold();
          send();
        }),
    );
  }

  /**
   * Stops waiting for `session`'s answers (its round was aborted, or its fit ended). The
   * worker stays busy with them until they come; `settled` waits for that.
   */
  abandon(session: number): void {
    for (const waiting of this.pending.values()) {
      if (waiting.session === session) waiting.stale = true;
    }
  }

  /**
   * Resolves once this worker has answered every abandoned request, or died. A later session
   * waits for it before using the worker: if that earlier work kills the worker, the crash
   * belongs to the earlier fit, and the later one gets the replacement.
   */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Ends the worker now; its waiting requests reject with `error`. */
  terminate(error: WorkerError): void {
    this.port.terminate();
    this.fail(error);
  }

  private fail(error: WorkerError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.rejectStart(error);
    for (const waiting of this.pending.values()) if (!waiting.stale) waiting.reject(error);
    this.pending.clear();
    this.notifyIfSettled();
  }

  private isSettled(): boolean {
    if (this.failure !== undefined) return true;
    for (const waiting of this.pending.values()) if (waiting.stale) return false;
    return true;
  }

  private notifyIfSettled(): void {
    if (this.settledWaiters.length === 0 || !this.isSettled()) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private hold(): void {
    if (this.busy++ === 0) this.port.ref();
  }

  private release(): void {
    if (--this.busy === 0) this.port.unref();
  }
}
