import type { ShardPlan } from './shardPlan.js';
import type { ShardTask } from './shardTask.js';

/**
 * Runs a `ShardTask` over the shards of one fit's rows: in the fit's own thread
 * (`inThreadExecutor`, the default), on Node worker threads or on Web Workers
 * (`@mixkit/workers`). Fitters never choose; they take an executor in their async fit's options
 * and hand it their tasks through a shard program (`runShardProgram`).
 *
 * Contract:
 * - `open` places the setup once per session (data shared through a `SharedArrayBuffer` where
 *   the platform has one, else transferred once), and builds one task state per worker. It
 *   assigns every shard to one worker for the whole session, so per-row state stays put.
 * - `map` runs every shard of the plan once and resolves with their outputs in shard order,
 *   whatever order they finished in. The caller reduces them in that order, so results do not
 *   depend on the executor or its number of workers.
 * - When `signal` aborts, `map` rejects with core's `AbortedError` within about 100 ms, and the
 *   executor stays usable for later sessions.
 * - A task that throws rejects `map` with the same typed error (`InvalidInputError`,
 *   `DegenerateComponentError`, ...); a worker that crashes rejects it with `WorkerError`, and
 *   the executor replaces the worker for later sessions.
 * - `close` releases the session's state everywhere; closing twice is harmless.
 */
export interface ShardExecutor {
  /** Threads besides the fit's own that run shards at once: 0 for the in-thread executor. */
  readonly workers: number;
  /**
   * Opens a session of `task` over the shards of `plan`. `local` is passed to the task's `open`
   * only when it runs in the fit's own thread.
   */
  open<Setup, Input, Output, State, Local, Wire>(
    task: ShardTask<Setup, Input, Output, State, Local, Wire>,
    setup: Setup,
    plan: ShardPlan,
    local: Local,
  ): Promise<ShardSession<Input, Output>>;
  /**
   * Optional: a `SharedArrayBuffer` of at least `bytes` bytes (the fit uses its first `bytes`)
   * that an earlier fit gave back
   * (`giveBackBuffer`), or undefined. A fit that fills a large shared copy of its data takes one
   * here before allocating: pages already written once cost a fraction of fresh ones, whose
   * mapping by the kernel is most of such a copy (and is work the calling thread and the
   * workers share, which a second worker does not speed up). Its contents are arbitrary.
   */
  borrowBuffer?(bytes: number): SharedArrayBuffer | undefined;
  /**
   * Optional: takes back a buffer from `borrowBuffer` or of the fit's own, once no session of
   * the fit reads or writes it any more. An executor keeps it only while it keeps its threads.
   */
  giveBackBuffer?(buffer: SharedArrayBuffer): void;
  /**
   * Optional: keeps the executor's threads until the returned function is called (once). A fit
   * holds them from its first session on them to its end, so an executor that ends its threads
   * when its last session closes does not end them between two sessions of one fit (k-means
   * prepares its data in one session and assigns in the next) and start them again.
   */
  hold?(): () => void;
}

/** One fit's use of an executor for one task: rounds of `map` over the same shards. */
export interface ShardSession<Input, Output> {
  /** The shards every `map` runs. */
  readonly plan: ShardPlan;
  /** Runs every shard with `input`; outputs in shard order. */
  map(input: Input, signal?: AbortSignal): Promise<Output[]>;
  /** Releases the session's state (in every worker); idempotent. */
  close(): void;
}
