import {
  type Shard,
  type ShardExecutor,
  type ShardPlan,
  type ShardSession,
  type ShardTask,
  shardAt,
  WorkerError,
} from '@mixkit/core';
import { compiledKernelModules, type KernelModules } from '@mixkit/linalg';
import { PoolSession } from './poolSession.js';
import { PoolWorker } from './poolWorker.js';
import { shareSetup } from './shareSetup.js';
import type { ThreadFactory } from './threadPort.js';

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
 *
 * Generations: sessions are numbered once per pool and every message carries its session, so
 * an answer, error or abort of an earlier fit never settles a later one's request. A worker
 * still busy with a closed session's work (an aborted round; a fit that another worker's crash
 * ended) is waited for before a new session uses it, so a crash that work causes lands in the
 * old fit's generation: the worker is replaced once, and the new fit runs on the replacement.
 */
export class WorkerPool implements ShardExecutor {
  readonly workers: number;
  private threads: (PoolWorker | undefined)[];
  private readonly modules: readonly string[];
  private readonly keepAlive: boolean;
  private sessions = 0;
  private nextSession = 0;
  /** Counts `destroy()` calls: a session opening across one rejects. */
  private epoch = 0;
  /** The shared buffer the last fit gave back, kept for the next one (`keepAlive` pools only). */
  private spare: SharedArrayBuffer | undefined;
  /** The WebAssembly kernels compiled here once, posted to every worker; null: unavailable. */
  private kernels: KernelModules | null | undefined;

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
    // Counted from the start, so that the end of another fit's last session does not end the
    // workers this one is about to use.
    this.sessions++;
    const epoch = this.epoch;
    let workers: PoolWorker[];
    try {
      workers = await Promise.all(
        Array.from({ length: used }, (_, w) => this.settledThread(w, epoch)),
      );
      if (this.epoch !== epoch) throw destroyedError(0);
    } catch (error) {
      this.closed();
      throw error;
    }
    const abort =
      typeof SharedArrayBuffer === 'undefined'
        ? undefined
        : new Int32Array(new SharedArrayBuffer(4));
    const shared = shareSetup(setup);
    // Worker w runs shards [first(w), first(w + 1)): contiguous, fixed for the session.
    const first = (w: number) => Math.floor((w * plan.count) / used);
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
          return worker.request(`${id}:-1`, id, () =>
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
   * Keeps the workers until the returned function is called (once): counted as a session, so
   * the end of the holder's last session does not end them before its next one opens.
   */
  hold(): () => void {
    this.sessions++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.closed();
    };
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

  /**
   * Ends every worker now, also those still busy with an earlier fit's work. A fit running or
   * opening on the pool rejects at once with `WorkerError` (`'crashed'`: the worker was
   * terminated). The pool can be used again: a later fit starts new workers.
   */
  destroy(): void {
    this.epoch++;
    this.spare = undefined;
    const threads = this.threads;
    this.threads = new Array(this.workers).fill(undefined);
    for (const thread of threads) thread?.terminate(destroyedError(thread.index));
  }

  /**
   * The buffer an earlier fit gave back when it has `bytes` to `2 * bytes` bytes (taken: a
   * concurrent fit cannot get it too), else undefined: so fits of other data on the same pool
   * (an EM fit on 10⁶ x 16 after a k-means fit on 10⁶ x 32) reuse it too. Only a `keepAlive`
   * pool keeps one (see `giveBackBuffer`).
   */
  borrowBuffer(bytes: number): SharedArrayBuffer | undefined {
    const spare = this.spare;
    if (spare === undefined || spare.byteLength < bytes || spare.byteLength > 2 * bytes) {
      return undefined;
    }
    this.spare = undefined;
    return spare;
  }

  /**
   * Keeps `buffer` for a later fit when the pool keeps its workers (`keepAlive`) too: at most
   * one, the largest given back (a smaller one lets it go); `destroy()` lets it go. A pool
   * without `keepAlive` keeps nothing after a fit, as it keeps no worker.
   */
  giveBackBuffer(buffer: SharedArrayBuffer): void {
    if (!this.keepAlive) return;
    if (this.spare === undefined || this.spare.byteLength <= buffer.byteLength) this.spare = buffer;
  }

  /**
   * The worker of slot w once it has finished any closed session's work (replaced if that work
   * killed it); stops early if the pool is destroyed meanwhile.
   */
  private async settledThread(w: number, epoch: number): Promise<PoolWorker> {
    for (;;) {
      const worker = this.thread(w);
      await worker.settled();
      if (worker.failure === undefined || this.epoch !== epoch) return worker;
    }
  }

  /** The live worker in slot w, started (or replaced after a crash) on demand. */
  private thread(w: number): PoolWorker {
    const current = this.threads[w];
    if (current !== undefined && current.failure === undefined) return current;
    // The thread starts booting first; compiling the kernels (once per pool) overlaps its boot.
    const port = this.factory(w);
    this.kernels ??= compiledKernelModules() ?? null;
    const worker = new PoolWorker(w, port, this.modules, this.kernels ?? undefined, (dead) => {
      if (this.threads[w] === dead) this.threads[w] = undefined;
    });
    this.threads[w] = worker;
    return worker;
  }

  private closed(): void {
    // No session is open, opening or held (opens and holds count themselves first), so this
    // ends no fit.
    if (--this.sessions === 0 && !this.keepAlive) this.destroy();
  }
}

function destroyedError(worker: number): WorkerError {
  return new WorkerError('crashed', 'terminated: its pool was destroyed', worker);
}
