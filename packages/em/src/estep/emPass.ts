import { mapShards, type ShardEffect, type ShardHandle } from '@mixkit/core';
import type { EStep } from '../run/mixtureOptions.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { EmPassInput, EmPassOutput } from './emPassTask.js';
import { mergeWorstRows, type WorstRows, worstRowsWanted } from './worstRows.js';

/**
 * One EM iteration's pass over the data (the E-step and the accumulation of every
 * accumulating component's statistics), as a map over the fit's shards (`emPassTask`) and a
 * reduce in shard order into the workspace's statistics and totals. With `accumulateMask`
 * undefined it only scores (the final E-step). With `worstRows` true each shard also sends its
 * `worstRowsWanted(k)` worst-explained rows and the fit keeps the lowest in `workspace.worst`
 * (for re-seeding): a shard's output is sums and O(k) values, never one value per row. Returns
 * the weighted sum of the rows' log-likelihoods; with `estep` `'hard'` the E-step is
 * classification EM's C-step.
 */
export function* emPass(
  workspace: EmWorkspace,
  session: ShardHandle<EmPassInput, EmPassOutput>,
  params: readonly unknown[],
  logWeights: Float64Array,
  accumulateMask: Uint8Array | undefined,
  worstRows: boolean,
  estep: EStep,
): Generator<ShardEffect, number, unknown> {
  const outputs = yield* mapShards(session, {
    params,
    logWeights,
    accumulate: accumulateMask,
    hard: estep === 'hard',
    worstRows: worstRows ? worstRowsWanted(workspace.k) : 0,
    worstValues: worstRows && workspace.remote !== undefined,
  });
  resetStatistics(workspace, accumulateMask);
  return mergePassOutputs(workspace, outputs, session.plan.shardRows);
}

/** Empties the statistics and totals the next pass accumulates into. */
export function resetStatistics(
  workspace: Pick<EmWorkspace, 'k' | 'families' | 'stats' | 'totals'>,
  accumulateMask: Uint8Array | undefined,
): void {
  if (accumulateMask === undefined) return;
  const { k, families, stats, totals } = workspace;
  totals.fill(0);
  for (let c = 0; c < k; c++) {
    if (accumulateMask[c] === 1) stats[c] = families[c].scale(stats[c], 0);
  }
}

/**
 * The reduce of a pass: adds the shards' statistics and totals into the workspace's, and their
 * objectives, in shard order (`outputs[s]` covers rows from `s * shardRows`), and keeps the
 * fit's worst rows among the shards' (`workspace.worst`) when they sent any. Returns the
 * summed objective.
 */
export function mergePassOutputs(
  workspace: Pick<EmWorkspace, 'k' | 'families' | 'stats' | 'totals'> & {
    worst: WorstRows | undefined;
  },
  outputs: readonly EmPassOutput[],
  shardRows: number,
): number {
  const { k, families, stats, totals } = workspace;
  let objective = 0;
  if (outputs.some((output) => output.worst !== undefined)) {
    workspace.worst = mergeWorstRows(
      outputs.map((output) => output.worst),
      shardRows,
      worstRowsWanted(k),
    );
  }
  for (const output of outputs) {
    objective += output.objective;
    if (output.totals === undefined || output.stats === undefined) continue;
    for (let c = 0; c < k; c++) {
      totals[c] += output.totals[c];
      const shardStats = output.stats[c];
      if (shardStats !== null && shardStats !== undefined) {
        stats[c] = families[c].merge(stats[c], shardStats);
      }
    }
  }
  return objective;
}
