import { InvalidInputError } from '@mixkit/core';
import type { BlockExtras } from './blockExtras.js';

/**
 * The E-step paths of `normalizeBlock` that go row by row with plain comparisons: the hard
 * (classification) E-step, and the soft E-step of a row whose joint values hold NaN or an
 * infinity, which also raises the located errors.
 */

/**
 * The soft E-step of row `r` of the block, whose entries already hold joint values (log
 * weights and priors added), one entry at a time: ignores NaN when taking the max, so a NaN
 * reaches `exp` and the check below; -Infinity entries get responsibility 0. Returns the row's
 * weighted log-likelihood. Throws for zero density, NaN and +Infinity.
 */
export function exactRow(
  block: Float64Array,
  r: number,
  k: number,
  firstRow: number,
  floor: number,
  extras: BlockExtras,
): number {
  const { sampleWeight, totals, rowScores } = extras;
  const base = r * k;
  const row = firstRow + r;
  const { max, best } = rowMax(block, base, k);
  if (max === -Infinity) throw zeroDensity(block, base, k, row);
  const cut = max + floor;
  let sum = 0;
  let kept = 0;
  for (let c = 0; c < k; c++) {
    const v = block[base + c];
    // NaN fails the test, so it reaches exp and the check below.
    if (v < cut) {
      block[base + c] = 0;
    } else {
      const e = Math.exp(v - max);
      block[base + c] = e;
      sum += e;
      kept++;
    }
  }
  // With one component kept sum is exactly 1.
  const logLikelihood = kept === 1 ? max : max + Math.log(sum);
  if (!(logLikelihood - logLikelihood === 0)) throw nonFinite(block, base, k, row, max);
  if (rowScores !== undefined) rowScores[row] = logLikelihood;
  const w = sampleWeight === undefined ? 1 : sampleWeight[row];
  if (kept === 1) {
    block[base + best] = w;
    if (totals !== undefined) totals[best] += w;
    return w * logLikelihood;
  }
  const factor = w / sum;
  for (let c = 0; c < k; c++) {
    const e = block[base + c];
    if (e === 0) continue;
    const responsibility = e * factor;
    block[base + c] = responsibility;
    if (totals !== undefined) totals[c] += responsibility;
  }
  return w * logLikelihood;
}

/**
 * The hard (classification) E-step on a whole block: adds the log weights (and priors), then
 * gives each row wholly to its most probable component (ties to the lowest index) after
 * checking that no entry is NaN or +Infinity. Returns the weighted classification
 * log-likelihood.
 */
export function hardBlock(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  firstRow: number,
  extras: BlockExtras,
): number {
  const { logPriors, sampleWeight, totals, rowScores } = extras;
  let objective = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    const row = firstRow + r;
    let max = -Infinity;
    let best = 0;
    for (let c = 0; c < k; c++) {
      let v = block[base + c] + logWeights[c];
      if (logPriors !== undefined) v += logPriors[row * k + c];
      block[base + c] = v;
      if (v > max) {
        max = v;
        best = c;
      }
    }
    if (max === -Infinity) throw zeroDensity(block, base, k, row);
    for (let c = 0; c < k; c++) {
      if (Number.isNaN(block[base + c])) throw nonFinite(block, base, k, row, max);
      block[base + c] = 0;
    }
    if (max === Infinity) throw nonFinite(block, base, k, row, max);
    if (rowScores !== undefined) rowScores[row] = max;
    const w = sampleWeight === undefined ? 1 : sampleWeight[row];
    block[base + best] = w;
    if (totals !== undefined) totals[best] += w;
    objective += w * max;
  }
  return objective;
}

/** The row's max (NaN entries ignored; -Infinity when there is nothing else) and its first index. */
function rowMax(
  block: Float64Array,
  base: number,
  k: number,
): { readonly max: number; readonly best: number } {
  let max = -Infinity;
  let best = 0;
  for (let c = 0; c < k; c++) {
    const v = block[base + c];
    if (v > max) {
      max = v;
      best = c;
    }
  }
  return { max, best };
}

function zeroDensity(block: Float64Array, base: number, k: number, row: number): InvalidInputError {
  for (let c = 0; c < k; c++) {
    if (Number.isNaN(block[base + c])) return nonFinite(block, base, k, row, -Infinity);
  }
  return new InvalidInputError(
    { argument: 'X', row },
    'the row has zero density under every component (all log-densities are -Infinity)',
  );
}

function nonFinite(
  block: Float64Array,
  base: number,
  k: number,
  row: number,
  max: number,
): InvalidInputError {
  let component = -1;
  for (let c = 0; c < k && component < 0; c++) if (Number.isNaN(block[base + c])) component = c;
  const what =
    max === Infinity
      ? 'a component gave this row an infinite log-density'
      : `component ${component} gave this row a NaN log-density`;
  return new InvalidInputError({ argument: 'X', row, value: max }, what);
}
