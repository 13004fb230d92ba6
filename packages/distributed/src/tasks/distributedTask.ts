import type { AnyShardTask, Shard } from '@mixkit/core';
import type { SourceRows } from '../data/dataSource.js';

/** What the coordinator sends of a session's setup, split from the rows that stay with workers. */
export interface RemoteSetup {
  /** Plain values every shard's worker needs (family specs, block size, algorithm...). */
  readonly shared: unknown;
  /** Columns of the rows the workers read. */
  readonly cols: number;
  /** Per-row values that are not the data (weights, priors) for one shard, or undefined. */
  readonly rowsOf: (shard: Shard) => unknown;
  /**
   * The rows as the task reads them, for one shard: what a worker's rebuilt rows must equal.
   * Undefined when the coordinator does not hold the rows (`RemoteRows`): nothing is digested.
   */
  readonly viewOf: (shard: Shard) => readonly Float64Array[] | undefined;
}

/**
 * How one shard task runs on distributed workers: which part of its setup travels and how a
 * worker rebuilds the rest from its own copy of the shard's rows. The worker runs the task
 * itself (`task.open`, `task.run`, `task.decode`), unchanged, on a setup that covers its shard
 * alone (rows renumbered from 0), so a shard's output is the bits the in-process task gives.
 */
export interface DistributedTask<Setup> {
  /** The in-process shard task this adapts; the registry finds the adapter by `task.name`. */
  readonly task: AnyShardTask;
  /**
   * A round's output depends on earlier rounds of the same shard (k-means keeps bounds, labels
   * and running sums per shard): a worker that did not run them replays them from the session's
   * stored inputs before it runs the round. False for tasks whose rounds stand alone (EM passes).
   */
  readonly cumulative: boolean;
  /** In the coordinator: the setup split into what travels and what stays with the workers. */
  split(setup: Setup): RemoteSetup;
  /**
   * In a worker: the task's setup for one shard from the shared part, the shard's per-row part
   * and its rows read from the source. Also returns the rows as the task reads them (checked
   * against the coordinator's `viewOf`).
   */
  rebuild(
    shared: unknown,
    rows: unknown,
    source: SourceRows,
  ): {
    /** The task's setup for this shard alone, rows renumbered from 0. */
    readonly setup: Setup;
    /** The rows as the task reads them: must equal the coordinator's `viewOf` (digest). */
    readonly view: readonly Float64Array[];
  };
  /**
   * In a worker: throws `invalid-payload` unless a round's input (the task's wire form, as read
   * from Redis) has the shapes `setup` calls for, before the task decodes and runs it.
   */
  checkInput(wire: unknown, setup: Setup): void;
}

/** A distributed task with its setup type erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds adapters of different setups; each is only called with a setup built for its task.
export type AnyDistributedTask = DistributedTask<any>;
