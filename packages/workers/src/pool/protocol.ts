import type { Shard, ThreadError } from '@mixkit/core';
import type { KernelModules } from '@mixkit/linalg';

/**
 * The messages between a pool and its workers. Only names and cloneable values cross: a task
 * by its registry name, families by their specs (inside the setup), data as typed arrays on
 * `SharedArrayBuffer`s where the platform has them.
 */
export type ToWorker =
  /**
   * Load the modules the user named (extra families and tasks), then answer `ready`. `kernels`:
   * the pool's compiled WebAssembly kernels, adopted instead of compiling them again.
   */
  | {
      readonly type: 'init';
      readonly modules: readonly string[];
      readonly kernels?: KernelModules | undefined;
    }
  /** Build the task's state for `shards` (this worker's, for the whole session). */
  | {
      readonly type: 'open';
      readonly session: number;
      readonly task: string;
      readonly setup: unknown;
      readonly shards: readonly Shard[];
      /** Set to 1 by the pool when the session's current round is aborted. */
      readonly abort: Int32Array | undefined;
    }
  /** Run this worker's shards of the session with `input` (the task's encoded input). */
  | {
      readonly type: 'map';
      readonly session: number;
      readonly round: number;
      readonly input: unknown;
    }
  | { readonly type: 'close'; readonly session: number };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'opened'; readonly session: number }
  | {
      readonly type: 'mapped';
      readonly session: number;
      readonly round: number;
      /** This worker's shards' outputs, in the order of its shards. */
      readonly outputs: readonly unknown[];
    }
  | { readonly type: 'aborted'; readonly session: number; readonly round: number }
  /** A task threw (in `init`, `open` or `map`); `session` is -1 for `init`. */
  | {
      readonly type: 'failed';
      readonly session: number;
      readonly round: number;
      readonly error: ThreadError;
    };
