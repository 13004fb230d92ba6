import {
  type AnyComponentFamily,
  InThreadSession,
  inThreadContext,
  isSharedMemory,
  type Matrix,
  planShards,
  type ShardExecutor,
  type ShardSession,
  throwIfAborted,
} from '@mixkit/core';
import { mergePassOutputs, resetStatistics } from '../estep/emPass.js';
import { type EmPassInput, type EmPassOutput, emPassTask, passSetup } from '../estep/emPassTask.js';
import { scaledGlobalStats } from '../mstep/reseedComponent.js';
import { emShardRows } from '../run/emShardRows.js';
import type { EStep } from '../run/mixtureOptions.js';
import { ChunkReader } from './chunkReader.js';
import type { ChunkSource } from './chunkSource.js';
import { type ChunkBuffers, chunkWorkspace, toChunk } from './chunkWorkspace.js';

/** What one pass over the chunks reads and (when accumulating) writes. */
export interface StreamPassState {
  readonly params: readonly unknown[];
  readonly logWeights: Float64Array;
  readonly estep: EStep;
  /** Components that accumulate (see `accumulatingComponents`); undefined: score only. */
  readonly mask: Uint8Array | undefined;
  /** Running statistics over all chunks (reset at the start of an accumulating pass). */
  readonly stats: unknown[];
  readonly totals: Float64Array;
  /** When given and empty, filled with each family group's unit-weight statistics of all rows. */
  readonly globalStats?: Map<AnyComponentFamily, unknown>;
  readonly signal?: AbortSignal | undefined;
  /** Where each chunk's shards run (the caller's thread when undefined). */
  readonly executor?: ShardExecutor | undefined;
}

/**
 * One pass of exact EM over a chunked source, holding one chunk at a time (two with workers):
 * each chunk is validated, cut into the same fixed shards as in-memory EM and run through the
 * same pass task (`emPassTask`, on `state.executor` when given: a chunk on workers is shared
 * with them once), and its shards' statistics are merged into the running ones (`family.merge`)
 * in shard order. In this thread the next chunk is requested after the pass; on workers it is
 * requested as soon as the pass has started (and the workers hold the rows), so that reading
 * and parsing it overlaps with the pass (double buffering); the merge order, and so every bit
 * of the result, is the same either way. Returns the summed log-likelihood (the classification
 * log-likelihood with a hard E-step) and the number of rows.
 */
export async function streamPass(
  source: ChunkSource,
  buffers: ChunkBuffers,
  state: StreamPassState,
): Promise<{ logLikelihood: number; rows: number }> {
  const { families, k } = buffers;
  const { mask, stats, totals, globalStats, executor } = state;
  const collectGlobal = globalStats !== undefined && globalStats.size === 0;
  const running = { k, families, stats, totals, worst: undefined };
  resetStatistics(running, mask);
  const passInput: EmPassInput = {
    params: state.params,
    logWeights: state.logWeights,
    accumulate: mask,
    hard: state.estep === 'hard',
    worstRows: 0,
    worstValues: false,
  };
  let logLikelihood = 0;
  let rows = 0;
  let index = 0;
  const reader = new ChunkReader(source);
  try {
    for (;;) {
      const input = await reader.next();
      if (input === undefined) break;
      throwIfAborted(state.signal, 'fitMixtureStream');
      const X = toChunk(input, `chunks[${index++}]`, buffers);
      if (X.rows === 0) continue;
      const workspace = chunkWorkspace(buffers, X);
      const plan = planShards(X.rows, emShardRows(workspace));
      const setup = passSetup(workspace);
      const onWorkers = executor !== undefined && executor.workers > 0 && plan.count > 1;
      const session: ShardSession<EmPassInput, EmPassOutput> = onWorkers
        ? await executor.open(emPassTask, setup, plan, workspace)
        : new InThreadSession(emPassTask, setup, plan, workspace, inThreadContext);
      try {
        const mapped = session.map(passInput, state.signal);
        // Double buffering: while the workers run this chunk's pass, this thread reads and
        // parses the next one. Only once the workers hold the rows in memory of their own
        // (see `rowsLeftSource`), as a source may refill its array once the next is requested.
        if (onWorkers && rowsLeftSource(X, workspace.X)) reader.prefetch();
        logLikelihood += mergePassOutputs(running, await mapped, plan.shardRows);
      } finally {
        session.close();
      }
      rows += X.rows;
      if (collectGlobal) {
        for (const { family } of buffers.groups) {
          const chunkStats = scaledGlobalStats(workspace, family, X.rows);
          const running = globalStats.get(family);
          globalStats.set(
            family,
            running === undefined ? chunkStats : family.merge(running, chunkStats),
          );
        }
      }
    }
  } finally {
    await reader.close();
  }
  return { logLikelihood, rows };
}

/**
 * Whether a pass on workers no longer reads the source's array `chunk.data`: the rows the pass
 * reads (`passed`) are a copy (in kernel memory), or the pool copied them to the workers when
 * the session opened (onto a `SharedArrayBuffer`, or by structured clone). Rows already on a
 * `SharedArrayBuffer` are shared with the workers as they are, so the source's array stays in
 * use until the pass ends.
 */
function rowsLeftSource(chunk: Matrix, passed: Matrix): boolean {
  if (passed.data !== chunk.data) return true;
  return !isSharedMemory(chunk.data);
}
