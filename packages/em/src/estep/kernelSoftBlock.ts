import { thresholdedLogSumExpRows, thresholdedSoftmaxRows } from '@mixkit/linalg';
import type { BlockExtras } from './blockExtras.js';
import type { EStepScratch } from './eStepScratch.js';
import { exactRow } from './exactRows.js';

/**
 * `normalizeBlock`'s soft E-step without priors, when the block lives in kernel memory: the
 * WebAssembly kernel (`thresholdedSoftmaxRows`) does the three passes of every row with the
 * same operations in the same order as the JavaScript loops, and this adds the rows'
 * log-likelihoods (max, or max + log Σe with more than one kept entry) in row order; a row
 * holding NaN or an infinity takes `exactRow`, as in the JavaScript path. So the results are
 * the same bits either way. With `extras.scoreOnly` the kernel computes only the rows' maxima
 * and sums (`thresholdedLogSumExpRows`: no responsibilities, no totals), which give the same
 * log-likelihoods. Returns the weighted sum of the rows' log-likelihoods, or undefined when the
 * block is not in kernel memory.
 */
export function kernelSoftBlock(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  firstRow: number,
  floor: number,
  scratch: EStepScratch,
  extras: BlockExtras,
): number | undefined {
  const { sampleWeight, rowScores } = extras;
  const rowOut = scratch.kernelRows(rows);
  // A scoring pass keeps no totals; any other pass adds to its own or to spare ones.
  const totals = extras.scoreOnly ? undefined : (extras.totals ?? scratch.unusedTotals(k));
  let objective = 0;
  let r = 0;
  while (r < rows) {
    const rest = r === 0 ? block : block.subarray(r * k);
    const done =
      totals === undefined
        ? thresholdedLogSumExpRows(rest, rows - r, k, logWeights, floor, rowOut)
        : thresholdedSoftmaxRows(
            rest,
            rows - r,
            k,
            logWeights,
            floor,
            sampleWeight,
            firstRow + r,
            totals,
            rowOut,
          );
    if (done === undefined) return undefined;
    for (let i = 0; i < done; i++) {
      const max = rowOut[3 * i];
      const logLikelihood = rowOut[3 * i + 2] === 1 ? max : max + Math.log(rowOut[3 * i + 1]);
      const row = firstRow + r + i;
      if (rowScores !== undefined) rowScores[row] = logLikelihood;
      objective += (sampleWeight === undefined ? 1 : sampleWeight[row]) * logLikelihood;
    }
    r += done;
    if (r < rows) {
      objective += exactRow(block, r, k, firstRow, floor, extras);
      r++;
    }
  }
  return objective;
}
