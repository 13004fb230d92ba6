import { inThreadContext } from '@mixkit/core';
import type { EStep } from '../run/mixtureOptions.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { mergePassOutputs, resetStatistics } from './emPass.js';
import { emPassTask, passSetup } from './emPassTask.js';

/**
 * One pass over all of `workspace`'s rows as a single shard in this thread (the E-step and
 * accumulation of `emPassTask`, then its reduce into the workspace's statistics and totals),
 * for callers whose data is one small batch (`OnlineMixture`). Returns the weighted sum of the
 * rows' log-likelihoods.
 */
export function fusedPass(
  workspace: EmWorkspace,
  params: readonly unknown[],
  logWeights: Float64Array,
  accumulateMask: Uint8Array | undefined,
  estep: EStep = 'soft',
): number {
  const shard = { index: 0, start: 0, end: workspace.n };
  const setup = passSetup(workspace);
  const state = emPassTask.open(setup, inThreadContext, [shard], workspace);
  const output = emPassTask.run(
    state,
    {
      params,
      logWeights,
      accumulate: accumulateMask,
      hard: estep === 'hard',
      worstRows: 0,
      worstValues: false,
    },
    shard,
  );
  resetStatistics(workspace, accumulateMask);
  return mergePassOutputs(workspace, [output], workspace.n);
}
