import type { AnyComponentFamily, Matrix } from '@mixkit/core';
import { EStepScratch } from '../estep/eStepScratch.js';
import { normalizeBlock } from '../estep/normalizeBlock.js';

/** The fitted pieces a scoring pass reads. */
export interface MixtureParts {
  readonly families: readonly AnyComponentFamily[];
  readonly params: readonly unknown[];
  readonly logWeights: Float64Array;
}

const blockRows = 256;

/**
 * Scores rows of `X` under a fitted mixture, block by block: exact responsibilities into
 * `responsibilities` (n x k, when given), each row's log-likelihood into `rowScores` (when
 * given), the hard label into `labels` (when given). Returns the sum of the log-likelihoods.
 */
export function scoreRows(
  parts: MixtureParts,
  X: Matrix,
  outputs: {
    readonly responsibilities?: Float64Array;
    readonly rowScores?: Float64Array;
    readonly labels?: Int32Array;
  },
): number {
  const { families, params, logWeights } = parts;
  const k = families.length;
  const n = X.rows;
  const buffer = outputs.responsibilities ?? new Float64Array(Math.min(blockRows, n) * k);
  const eStepScratch = new EStepScratch();
  let total = 0;
  for (let start = 0; start < n; start += blockRows) {
    const end = Math.min(start + blockRows, n);
    const base = outputs.responsibilities === undefined ? 0 : start * k;
    for (let c = 0; c < k; c++)
      families[c].logDensity(params[c], X, start, end, buffer, base + c, k);
    const block = buffer.subarray(base, base + (end - start) * k);
    total += normalizeBlock(block, end - start, k, logWeights, start, eStepScratch, {
      rowScores: outputs.rowScores,
    });
    const labels = outputs.labels;
    if (labels === undefined) continue;
    for (let r = 0; r < end - start; r++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (block[r * k + c] > block[r * k + best]) best = c;
      labels[start + r] = best;
    }
  }
  return total;
}
