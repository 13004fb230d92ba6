import { type AnyComponentFamily, throwIfAborted } from '@mixkit/core';
import { fusedPass } from '../estep/fusedPass.js';
import { scaledGlobalStats } from '../mstep/reseedComponent.js';
import type { EStep } from '../run/mixtureOptions.js';
import { type ChunkSource, openChunks } from './chunkSource.js';
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
}

/**
 * One pass of exact EM over a chunked source, holding one chunk at a time: each chunk is
 * validated, run through the same fused E-step/accumulate pass as in-memory EM (on a view of
 * the shared buffers), and its statistics are merged into the running ones (`family.merge`)
 * before the next chunk is requested. Returns the summed log-likelihood (the classification
 * log-likelihood with a hard E-step) and the number of rows.
 */
export async function streamPass(
  source: ChunkSource,
  buffers: ChunkBuffers,
  state: StreamPassState,
): Promise<{ logLikelihood: number; rows: number }> {
  const { families, k } = buffers;
  const { mask, stats, totals, globalStats } = state;
  const collectGlobal = globalStats !== undefined && globalStats.size === 0;
  if (mask !== undefined) {
    totals.fill(0);
    for (let c = 0; c < k; c++) if (mask[c] === 1) stats[c] = families[c]!.scale(stats[c], 0);
  }
  let logLikelihood = 0;
  let rows = 0;
  let index = 0;
  for await (const input of openChunks(source)) {
    throwIfAborted(state.signal, 'fitMixtureStream');
    const X = toChunk(input, `chunks[${index++}]`, buffers);
    if (X.rows === 0) continue;
    const workspace = chunkWorkspace(buffers, X);
    logLikelihood += fusedPass(
      workspace,
      state.params,
      state.logWeights,
      mask,
      undefined,
      state.estep,
    );
    rows += X.rows;
    if (mask !== undefined) {
      for (let c = 0; c < k; c++) {
        const chunkTotal = buffers.totals[c]!;
        totals[c]! += chunkTotal;
        if (mask[c] === 1 && chunkTotal > 0) {
          stats[c] = families[c]!.merge(stats[c], buffers.stats[c]);
        }
      }
    }
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
  return { logLikelihood, rows };
}
