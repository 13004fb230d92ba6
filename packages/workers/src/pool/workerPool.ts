import {
  AbortedError,
  fromThreadError,
  type Shard,
  type ShardExecutor,
  type ShardPlan,
  type ShardSession,
  type ShardTask,
  shardAt,
  WorkerError,
} from '@mixkit/core';
import type { FromWorker } from './protocol.js';
import { shareSetup } from './shareSetup.js';
import type { ThreadFactory, ThreadPort } from './threadPort.js';

/** Options of a `WorkerPool`. */
export interface WorkerPoolOptions {
  /** Worker threads; at least 1. */
  readonly workers: number;
  /**
   * Modules every worker imports at start (URLs or paths) for extra families and tasks: each
   * may export `families` (factories by kind) and `tasks` (see `WorkerModule`).
   */
  readonly modules?: readonly string[];
  /**
   * Keep idle workers for the next fit (they never hold the process open). Default false:
   * workers end when the last session closes, so no worker outlives its fit.
   */
  readonly keepAlive?: boolean;
}

/** A waiting request to one worker. */
interface Pending {
  readonly resolve: (message: FromWorker) => void;
  readonly reject: (error: Error) => void;
}

/** One live worker and what the pool waits from it. */
class PoolWorker {
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
    port.unref();
    let started: Pending | undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = { resolve: () => resolve(), reject };
    });
    port.onMessage((message) => {
      if (message.type === 'ready') {
        started?.resolve(message);
        return;
      }
      if (message.type === 'failed' && message.session === -1) {
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

/**
 * A `ShardExecutor` over worker threads: Node's `worker_threads` (`createWorkerPool`) or a
 * browser's Web Workers (`createWebWorkerPool`), with one hand-written protocol for both
 * (`protocol.ts`). Each session gives every worker a fixed, contiguous run of shards for its
 * whole life, shares the setup's typed arrays through `SharedArrayBuffer`s, and gathers the
 * outputs in shard order.
 *
 * Faults: a task's typed error rejects `map` as itself; a crashed worker rejects its requests
 * with `WorkerError` and is replaced at the next session; an aborted round rejects at once with
 * `AbortedError` while the workers stop at their next shard. Workers hold the process open only
 * while they have work, and (unless `keepAlive`) end when the last session closes.
 */
export class WorkerPool implements ShardExecutor {
  readonly workers: number;
  private threads: (PoolWorker | undefined)[];
  private readonly modules: readonly string[];
  private readonly keepAlive: boolean;
  private sessions = 0;
  private nextSession = 0;

  constructor(
    private readonly factory: ThreadFactory,
    options: WorkerPoolOptions,
  ) {
    if (!Number.isInteger(options.workers) || options.workers < 1) {
      throw new RangeError(`WorkerPool: workers must be an integer >= 1, got ${options.workers}`);
    }
    this.workers = options.workers;
    this.modules = options.modules ?? [];
    this.keepAlive = options.keepAlive ?? false;
    this.threads = new Array(this.workers).fill(undefined);
  }

  async open<Setup, Input, Output, State, Local, Wire>(
    task: ShardTask<Setup, Input, Output, State, Local, Wire>,
    setup: Setup,
    plan: ShardPlan,
    local: Local,
  ): Promise<ShardSession<Input, Output>> {
    const id = this.nextSession++;
    const used = Math.min(this.workers, plan.count);
    const workers = Array.from({ length: used }, (_, w) => this.thread(w));
    const abort =
      typeof SharedArrayBuffer === 'undefined'
        ? undefined
        : new Int32Array(new SharedArrayBuffer(4));
    const shared = shareSetup(setup);
    // Worker w runs shards [first(w), first(w + 1)): contiguous, fixed for the session.
    const first = (w: number) => Math.floor((w * plan.count) / used);
    this.sessions++;
    const encode = task.encode;
    const session = new PoolSession<Input, Output, Wire>(
      id,
      plan,
      workers,
      first,
      abort,
      encode === undefined ? undefined : (input) => encode(input, local),
      () => this.closed(),
    );
    try {
      await Promise.all(
        workers.map((worker, w) => {
          const shards: Shard[] = [];
          for (let s = first(w); s < first(w + 1); s++) shards.push(shardAt(plan, s));
          return worker.request(`${id}:-1`, () =>
            worker.port.post({
              type: 'open',
              session: id,
              task: task.name,
              setup: shared,
              shards,
              abort,
            }),
          );
        }),
      );
    } catch (error) {
      session.close();
      throw error;
    }
    return session;
  }

  /**
   * Starts every worker now and resolves once all have loaded their modules, so the first fit
   * does not pay for start-up (optional: fits start workers on demand).
   */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.workers }, (_, w) => this.thread(w).ready));
  }

  /** Worker threads alive now (started and not ended). */
  get liveWorkers(): number {
    return this.threads.filter((thread) => thread !== undefined && thread.failure === undefined)
      .length;
  }

  /** Ends every worker now (pending work rejects with `WorkerError`). */
  destroy(): void {
    for (const thread of this.threads) thread?.port.terminate();
    this.threads = new Array(this.workers).fill(undefined);
  }

  /** The live worker in slot w, started (or replaced after a crash) on demand. */
  private thread(w: number): PoolWorker {
    const current = this.threads[w];
    if (current !== undefined && current.failure === undefined) return current;
    const worker = new PoolWorker(w, this.factory(w), this.modules, (dead) => {
      if (this.threads[w] === dead) this.threads[w] = undefined;
    });
    this.threads[w] = worker;
    return worker;
  }

  private closed(): void {
    if (--this.sessions === 0 && !this.keepAlive) this.destroy();
  }
}

/** One session of a `WorkerPool`. */
class PoolSession<Input, Output, Wire> implements ShardSession<Input, Output> {
  private round = 0;
  private open = true;

  constructor(
    private readonly id: number,
    readonly plan: ShardPlan,
    private readonly workers: readonly PoolWorker[],
    private readonly first: (w: number) => number,
    private readonly abort: Int32Array | undefined,
    private readonly encode: ((input: Input) => Wire) | undefined,
    private readonly onClose: () => void,
  ) {}

  async map(input: Input, signal?: AbortSignal): Promise<Output[]> {
    if (!this.open) throw new TypeError('map on a closed shard session');
    const round = this.round++;
    const key = `${this.id}:${round}`;
    const wire = this.encode === undefined ? input : this.encode(input);
    if (this.abort !== undefined) Atomics.store(this.abort, 0, 0);
    const answers = this.workers.map((worker) =>
      worker.request(key, () =>
        worker.port.post({ type: 'map', session: this.id, round, input: wire }),
      ),
    );
    const gathered = Promise.all(answers);
    const results = await (signal === undefined
      ? gathered
      : raceAbort(gathered, signal, () => {
          if (this.abort !== undefined) Atomics.store(this.abort, 0, 1);
          for (const worker of this.workers) worker.forget(key);
        }));
    const outputs: Output[] = new Array(this.plan.count);
    results.forEach((message, w) => {
      if (message.type === 'aborted') throw new AbortedError('the shard session');
      if (message.type !== 'mapped')
        throw new TypeError(`unexpected '${message.type}' from a worker`);
      // The worker's outputs are its task's outputs, in the order of its shards.
      message.outputs.forEach((output, s) => {
        outputs[this.first(w) + s] = output as Output;
      });
    });
    return outputs;
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const worker of this.workers) {
      if (worker.failure === undefined) worker.port.post({ type: 'close', session: this.id });
    }
    this.onClose();
  }
}

/** `promise`, or an `AbortedError` as soon as `signal` aborts (after calling `onAbort`). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new AbortedError('the shard session', signal.reason));
    };
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
