import { type MatrixInput, runShardProgram, type ShardExecutor } from '@mixkit/core';
import { type MclustOptions, type MclustResult, mclustProgram } from './mclust.js';

/** Options of `mclustAsync`: `mclust`'s, plus where the grid runs and how to stop it. */
export interface MclustAsyncOptions extends MclustOptions {
  /** Where the grid's cells run: the caller's thread by default, or a pool of `@mixkit/workers`. */
  readonly executor?: ShardExecutor | undefined;
  /** Stops the selection with `AbortedError` (between cells here, between iterations in a worker). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * `mclust` on `options.executor`: the grid's cells (one EM fit per model and G) run across the
 * workers, while the agglomeration runs in the caller's thread first. In the caller's thread it
 * yields to the event loop between cells whenever 25 ms of work have passed. The table, the
 * choice and the chosen model are `mclust`'s, bit for bit, with any number of workers. Rejects
 * with `AbortedError` once `signal` aborts.
 */
export function mclustAsync(
  X: MatrixInput,
  options: MclustAsyncOptions = {},
): Promise<MclustResult> {
  const { executor, signal, ...grid } = options;
  return runShardProgram(mclustProgram(X, grid, executor?.workers ?? 0), {
    executor,
    signal,
    what: 'mclust',
  });
}
