import type { EStep } from '../run/mixtureOptions.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { normalizeBlock } from './normalizeBlock.js';

/**
 * One EM iteration's pass over the data, block by block while each block is in cache:
 * every component's batched `logDensity` into column c of the block buffer (offset c,
 * stride k), the in-place E-step (`normalizeBlock`), then every accumulating component's
 * `accumulate` from the same block (given the E-step's parameters of the component, which
 * families with per-row latent variables need), skipped for a component with no responsibility
 * in the block (common once clusters separate). Per pass: no allocation, no n x k intermediate.
 *
 * With `accumulateMask` undefined it only scores (the final E-step). Otherwise the statistics
 * and responsibility totals are reset first and component c accumulates when `mask[c]` is 1.
 * Returns the weighted sum of the rows' log-likelihoods. With `estep` `'hard'` the E-step is
 * classification EM's C-step (one-hot responsibilities; the sum is the classification
 * log-likelihood), in the same loop.
 */
export function fusedPass(
  workspace: EmWorkspace,
  params: readonly unknown[],
  logWeights: Float64Array,
  accumulateMask: Uint8Array | undefined,
  rowScores?: Float64Array,
  estep: EStep = 'soft',
): number {
  const { X, n, k, families, block, blockSize, stats, totals, blockTotals } = workspace;
  if (accumulateMask !== undefined) {
    totals.fill(0);
    for (let c = 0; c < k; c++) {
      if (accumulateMask[c] === 1) stats[c] = families[c]!.scale(stats[c], 0);
    }
  }
  const extras = {
    logPriors: workspace.logPriors,
    sampleWeight: workspace.sampleWeight,
    totals: accumulateMask === undefined ? undefined : blockTotals,
    rowScores,
    skipNegligible: accumulateMask !== undefined,
    hard: estep === 'hard',
  };
  let objective = 0;
  for (let start = 0; start < n; start += blockSize) {
    const end = Math.min(start + blockSize, n);
    for (let c = 0; c < k; c++) families[c]!.logDensity(params[c], X, start, end, block, c, k);
    objective += normalizeBlock(
      block,
      end - start,
      k,
      logWeights,
      start,
      workspace.scratch,
      extras,
    );
    if (accumulateMask === undefined) continue;
    for (let c = 0; c < k; c++) {
      // A component with no responsibility in this block has nothing to add: skip the call.
      const blockTotal = blockTotals[c]!;
      blockTotals[c] = 0;
      totals[c]! += blockTotal;
      if (accumulateMask[c] === 1 && blockTotal > 0) {
        // The E-step's parameters go along, for every family alike: a family with per-row
        // latent variables (Student-t) forms its expectations from them, the others ignore them.
        stats[c] = families[c]!.accumulate(stats[c], X, start, end, block, c, k, params[c]);
      }
    }
  }
  return objective;
}
