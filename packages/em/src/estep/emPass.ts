import { mapShards, type ShardEffect, type ShardHandle } from '@mixkit/core';
import type { EStep } from '../run/mixtureOptions.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import type { EmPassInput, EmPassOutput } from './emPassTask.js';

/**
 * One EM iteration's pass over the data (the E-step and the accumulation of every
 * accumulating component's statistics), as a map over the fit's shards (`emPassTask`) and a
 * reduce in shard order into the workspace's statistics and totals. With `accumulateMask`
 * undefined it only scores (the final E-step). With `rowScores` true each row's
 * log-likelihood lands in `workspace.rowScores` (for re-seeding). Returns the weighted sum of
 * the rows' log-likelihoods; with `estep` `'hard'` the E-step is classification EM's C-step.
 */
export function* emPass(
  workspace: EmWorkspace,
  session: ShardHandle<EmPassInput, EmPassOutput>,
  params: readonly unknown[],
  logWeights: Float64Array,
  accumulateMask: Uint8Array | undefined,
  rowScores: boolean,
  estep: EStep,
): Generator<ShardEffect, number, unknown> {
  const outputs = yield* mapShards(session, {
    params,
    logWeights,
    accumulate: accumulateMask,
    hard: estep === 'hard',
    rowScores,
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
 * objectives, in shard order (`outputs[s]` covers rows from `s * shardRows`); copies row scores
 * a worker sent back. Returns the summed objective.
 */
export function mergePassOutputs(
  workspace: Pick<EmWorkspace, 'k' | 'families' | 'stats' | 'totals' | 'rowScores'>,
  outputs: readonly EmPassOutput[],
  shardRows: number,
): number {
  const { k, families, stats, totals } = workspace;
  let objective = 0;
  for (const [s, output] of outputs.entries()) {
    objective += output.objective;
    if (output.rowScores !== undefined) workspace.rowScores.set(output.rowScores, s * shardRows);
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
