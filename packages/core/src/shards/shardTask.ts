import type { FamilyResolver } from '../componentFamily.js';
import type { Shard } from './shardPlan.js';

/**
 * Row-parallel work of one fit, as a named task that an executor runs shard by shard: the
 * E-step and accumulation of an EM iteration, the assignment and cluster sums of a k-means
 * iteration (with the per-row bounds of Hamerly and Elkan), a silhouette row range. It is the
 * map of a map/reduce; the caller reduces the per-shard outputs in shard order.
 *
 * An executor never sends code: a worker finds the task by `name` in its registry (the tasks
 * mixkit ships, plus those of modules the user names) and rebuilds everything else from
 * `setup`, a structured-cloneable value (family specs, not families; typed arrays, ideally on a
 * `SharedArrayBuffer`, not copied per worker). In the fit's own thread the task also receives
 * `local`, the live objects the setup describes (the families themselves, the fit's workspace),
 * so the in-thread executor rebuilds nothing.
 *
 * Contract:
 * - `run` must give the same output for a shard whichever thread runs it, and must depend only
 *   on the setup, the input and the shard (and the state `open` built from them, plus whatever
 *   earlier rounds left in rows of that same shard, e.g. bounds): that is what makes results
 *   independent of the number of workers.
 * - Outputs and encoded inputs are structured-cloneable plain values (typed arrays, numbers,
 *   arrays and plain objects), never class instances or functions.
 * - A shard's rows are always handled by the same state: an executor assigns shards to workers
 *   once per session, so per-row state kept in the state (bounds, a copy of the rows in kernel
 *   memory) stays valid from round to round.
 *
 * @typeParam Setup - the per-fit description every worker rebuilds its state from (cloneable)
 * @typeParam Input - what each round (`map`) sends, e.g. the current parameters
 * @typeParam Output - what one shard returns, e.g. its sufficient statistics
 * @typeParam State - what `open` builds once per worker and session
 * @typeParam Local - live objects the fit's own thread passes instead of rebuilding them
 * @typeParam Wire - the cloneable form of `Input` posted to workers (default: `Input` itself)
 */
export interface ShardTask<Setup, Input, Output, State, Local = undefined, Wire = Input> {
  /** Registry name, unique across packages: `'<package>:<task>'`, e.g. `'@mixkit/em:pass'`. */
  readonly name: string;
  /**
   * Builds one worker's (or the fit thread's) state for a session: the rows it will see, families
   * rebuilt from their specs through `context.resolveFamily`, scratch memory sized for one shard.
   * `shards` lists the shards this state will run (their per-row state can be sized from it).
   * `local` is defined only in the fit's own thread.
   */
  open(
    setup: Setup,
    context: ShardContext,
    shards: readonly Shard[],
    local: Local | undefined,
  ): State;
  /** Runs one shard (rows `[shard.start, shard.end)` of the fit's data) and returns its output. */
  run(state: State, input: Input, shard: Shard): Output;
  /**
   * Called once when the session ends, in every thread that opened a state for it, after its
   * last `run`: the state is never used again, so it may hand back memory for the next session
   * of the thread to reuse (k-means gives back its search's kernel memory, see `KernelArena`;
   * EM a worker's copy of its rows), so that a later fit writes into pages already mapped.
   * Optional; without it the state is simply dropped.
   */
  close?(state: State): void;
  /** The cloneable form of a round's input, made once per round in the fit's thread. */
  encode?(input: Input, local: Local): Wire;
  /** Rebuilds a round's input in a worker from its cloneable form. */
  decode?(wire: Wire, state: State): Input;
}

/** What a task's `open` may use besides its setup. */
export interface ShardContext {
  /** Rebuilds a family from its spec (`@mixkit/distributions`' registry plus user modules). */
  readonly resolveFamily: FamilyResolver;
  /** True in a worker thread, false in the fit's own thread. */
  readonly inWorker: boolean;
  /**
   * True once the session's current round was aborted (in a worker; absent in the fit's own
   * thread, whose driver checks the signal itself). A task whose one shard runs long (a whole
   * restart of a small fit) checks it between iterations and throws `AbortedError`.
   */
  readonly aborted?: (() => boolean) | undefined;
}

/** A task with its type parameters erased, as an executor's registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds tasks of different types; each is only called with values built for it (its own setup, its own encoded input).
export type AnyShardTask = ShardTask<any, any, any, any, any, any>;
