import { expNonPositive } from '@mixkit/linalg';
import type { BlockExtras } from './blockExtras.js';
import type { EStepScratch, KeptEntries } from './eStepScratch.js';
import { exactRow, hardBlock } from './exactRows.js';
import { kernelSoftBlock } from './kernelSoftBlock.js';

/**
 * e^-50 ~ 1.9e-22: when fitting, a component whose joint log-density is more than 50 below the
 * row's best gets responsibility exactly 0 and its `exp` is not even computed, so the E-step
 * costs about one `exp` per row on separated data and families skip the row for that component
 * (they ignore zero weights). The dropped terms change the row's likelihood by a factor of at
 * most 1 + k·e^-50, i.e. the log-likelihood by < k·2e-22 (far below 1e-14), and every kept
 * responsibility by the same relative amount.
 */
export const negligibleResponsibility = Math.exp(-50);

/** Entries per chunk of rows: the chunk's kept-entry lists stay in L1 next to the block. */
const chunkEntries = 1024;

/**
 * The E-step on one block, in place: `block` holds `rows x k` log-densities (component c of
 * row r at `r * k + c`). Adds the log mixing weights (and log priors), takes the row-wise
 * log-sum-exp with the max shift, and overwrites the block with responsibilities times the
 * row weight. Returns the weighted sum of the rows' log-likelihoods. `scratch` is the caller's
 * (its fit's or scoring call's) E-step memory.
 *
 * One `exp` per kept entry: `exp(v - max)` is stored, summed, then scaled by `w / sum`.
 * Throws `InvalidInputError` (with the row) when a row has zero density under every component
 * or a family produced NaN, so no NaN ever reaches the statistics.
 *
 * The soft E-step runs in chunks of rows, each in three passes that avoid data-dependent
 * branches (which mispredict on mixed data and cost more than the arithmetic): (1) per row,
 * the joint values and their max, selected arithmetically; (2) per row, the kept entries
 * (within 50 of the max, or all) appended to a list by index arithmetic; (3) one `exp` loop
 * over the whole chunk's list, then per row the sum, the log-likelihood and the scaled
 * responsibilities written back. A row holding NaN or an infinity takes the exact per-row path
 * (`exactRow`), which also raises the errors.
 */
export function normalizeBlock(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  firstRow: number,
  scratch: EStepScratch,
  extras: BlockExtras = {},
): number {
  if (extras.hard) return hardBlock(block, rows, k, logWeights, firstRow, extras);
  const { logPriors } = extras;
  // Joint log-densities more than `floor` below the row's best are dropped (-Infinity: none).
  const floor = extras.skipNegligible ? -50 : -Infinity;
  if (logPriors === undefined) {
    // A block in kernel memory runs the same passes in WebAssembly, with the same bits.
    const objective = kernelSoftBlock(block, rows, k, logWeights, firstRow, floor, scratch, extras);
    if (objective !== undefined) return objective;
  }
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(chunkEntries / k)));
  const kept = scratch.keptEntries(chunkRows, k);
  // With priors, the joint values are formed first, in the order (v + log w) + log prior, and
  // the max pass adds zeros.
  let weights = logWeights;
  if (logPriors !== undefined) {
    addWeightsAndPriors(block, rows, k, logWeights, logPriors, firstRow);
    weights = kept.zeros;
  }
  let objective = 0;
  for (let first = 0; first < rows; first += chunkRows) {
    const last = Math.min(first + chunkRows, rows);
    objective = softChunk(block, first, last, k, weights, firstRow, floor, extras, kept, objective);
  }
  return objective;
}

/**
 * The soft E-step of rows [first, last) in the three passes; returns `objective` plus their
 * weighted log-likelihoods, added in row order. Too large to be inlined into `normalizeBlock`,
 * so V8 compiles it on its own and inlines the row passes and `expNonPositive` into it.
 */
function softChunk(
  block: Float64Array,
  first: number,
  last: number,
  k: number,
  weights: Float64Array,
  firstRow: number,
  floor: number,
  extras: BlockExtras,
  kept: KeptEntries,
  objective: number,
): number {
  const { value, rowEnd, rowMax } = kept;
  let total = objective;
  let r = first;
  while (r < last) {
    const start = r;
    let count = 0;
    for (; r < last; r++) {
      const base = r * k;
      const max = addWeightsAndMax(block, base, k, weights);
      // NaN when the row holds NaN or an infinity: it takes the exact path below.
      if (!(max - max === 0)) break;
      count = appendKept(block, base, k, max, max + floor, kept, count);
      rowEnd[r - start] = count;
      rowMax[r - start] = max;
    }
    block.fill(0, start * k, r * k);
    for (let t = 0; t < count; t++) value[t] = expNonPositive(value[t]);
    total = scaleRows(block, start, r, k, firstRow, extras, kept, total);
    if (r < last) {
      total += exactRow(block, r, k, firstRow, floor, extras);
      r++;
    }
  }
  return total;
}

/** Forms the joint values `(v + log w_c) + log prior_rc` of all rows in place. */
function addWeightsAndPriors(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  logPriors: Float64Array,
  firstRow: number,
): void {
  for (let r = 0; r < rows; r++) {
    const priorBase = (firstRow + r) * k;
    for (let c = 0; c < k; c++) {
      block[r * k + c] = block[r * k + c] + logWeights[c] + logPriors[priorBase + c];
    }
  }
}

/**
 * Adds `weights` to row `block[base .. base + k)` in place and returns the row's max, or NaN
 * when the row holds NaN or an infinity. The max is selected arithmetically, `s·v + (1 - s)·m`
 * with s = (v > m) in {0, 1} (exact for finite values, NaN as soon as an infinity or a NaN
 * takes part), in two independent chains, so there is no branch to mispredict.
 */
function addWeightsAndMax(
  block: Float64Array,
  base: number,
  k: number,
  weights: Float64Array,
): number {
  let even = block[base] + weights[0];
  block[base] = even;
  let odd = even;
  let c = 1;
  for (; c + 1 < k; c += 2) {
    const a = block[base + c] + weights[c];
    block[base + c] = a;
    const b = block[base + c + 1] + weights[c + 1];
    block[base + c + 1] = b;
    const aGreater = +(a > odd);
    odd = aGreater * a + (1 - aGreater) * odd;
    const bGreater = +(b > even);
    even = bGreater * b + (1 - bGreater) * even;
  }
  if (c < k) {
    const a = block[base + c] + weights[c];
    block[base + c] = a;
    const aGreater = +(a > odd);
    odd = aGreater * a + (1 - aGreater) * odd;
  }
  const oddGreater = +(odd > even);
  return oddGreater * odd + (1 - oddGreater) * even;
}

/**
 * Appends the row's entries with `v >= cut` to `kept` (index and `v - max`) and returns the new
 * count. Every entry is written; only the count advances by the 0/1 test, so no branch.
 */
function appendKept(
  block: Float64Array,
  base: number,
  k: number,
  max: number,
  cut: number,
  kept: KeptEntries,
  count: number,
): number {
  const { at, value } = kept;
  let n = count;
  for (let c = 0; c < k; c++) {
    const v = block[base + c];
    at[n] = base + c;
    value[n] = v - max;
    n += +!(v < cut);
  }
  return n;
}

/**
 * The end of pass 3 for rows [first, last), whose kept list holds `exp(v - max)`: per row, the
 * sum (in component order), the log-likelihood and `exp(v - max) · w / sum` written back into
 * the zeroed rows. A row with one kept entry has sum exactly 1 (exp(0)), log-likelihood exactly
 * its max and responsibility exactly w. Returns `objective` plus the rows' weighted
 * log-likelihoods.
 */
function scaleRows(
  block: Float64Array,
  first: number,
  last: number,
  k: number,
  firstRow: number,
  extras: BlockExtras,
  kept: KeptEntries,
  objective: number,
): number {
  const { sampleWeight, totals, rowScores } = extras;
  const { at, value, rowEnd, rowMax } = kept;
  let total = objective;
  let start = 0;
  for (let r = first; r < last; r++) {
    const end = rowEnd[r - first];
    const max = rowMax[r - first];
    const row = firstRow + r;
    let sum = 0;
    for (let t = start; t < end; t++) sum += value[t];
    const logLikelihood = end - start === 1 ? max : max + Math.log(sum);
    if (rowScores !== undefined) rowScores[row] = logLikelihood;
    const w = sampleWeight === undefined ? 1 : sampleWeight[row];
    total += w * logLikelihood;
    const factor = w / sum;
    if (totals === undefined) {
      for (let t = start; t < end; t++) block[at[t]] = value[t] * factor;
    } else {
      const base = r * k;
      for (let t = start; t < end; t++) {
        const responsibility = value[t] * factor;
        block[at[t]] = responsibility;
        totals[at[t] - base] += responsibility;
      }
    }
    start = end;
  }
  return total;
}
