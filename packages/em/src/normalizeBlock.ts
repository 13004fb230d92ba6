import { InvalidInputError } from '@mixkit/core';

/**
 * e^-50 ~ 1.9e-22: when fitting, a component whose joint log-density is more than 50 below the
 * row's best gets responsibility exactly 0 and its `exp` is not even computed, so the E-step
 * costs about one `exp` per row on separated data and families skip the row for that component
 * (they ignore zero weights). The dropped terms change the row's likelihood by a factor of at
 * most 1 + k·e^-50, i.e. the log-likelihood by < k·2e-22 (far below 1e-14), and every kept
 * responsibility by the same relative amount.
 */
export const negligibleResponsibility = Math.exp(-50);

/** What `normalizeBlock` reads and writes besides the block. */
export interface BlockExtras {
  /** n x k log prior probabilities added to each row (semi-supervised fits). */
  readonly logPriors?: Float64Array | undefined;
  /** Per-row weights: responsibilities and the objective are multiplied by them. */
  readonly sampleWeight?: Float64Array | undefined;
  /** Per-component running sums of the (weighted) responsibilities. */
  readonly totals?: Float64Array | undefined;
  /** Receives each row's mixture log-likelihood at its row index. */
  readonly rowScores?: Float64Array | undefined;
  /** Zero responsibilities below `negligibleResponsibility` of the row's best component. */
  readonly skipNegligible?: boolean;
  /**
   * Hard (classification) E-step: each row goes wholly to its most probable component (ties to
   * the lowest index), and its score is the classification log-likelihood log(π_z f_z(x)) of
   * that component instead of the mixture's (Celeux & Govaert 1992, CEM's C-step). No `exp`.
   */
  readonly hard?: boolean;
}

/**
 * The E-step on one block, in place: `block` holds `rows x k` log-densities (component c of
 * row r at `r * k + c`). Adds the log mixing weights (and log priors), takes the row-wise
 * log-sum-exp with the max shift, and overwrites the block with responsibilities times the
 * row weight. Returns the weighted sum of the rows' log-likelihoods.
 *
 * One `exp` per entry: `exp(v - max)` is stored, summed, then scaled by `w / sum`.
 * Throws `InvalidInputError` (with the row) when a row has zero density under every component
 * or a family produced NaN, so no NaN ever reaches the statistics.
 */
export function normalizeBlock(
  block: Float64Array,
  rows: number,
  k: number,
  logWeights: Float64Array,
  firstRow: number,
  extras: BlockExtras = {},
): number {
  const { logPriors, sampleWeight, totals, rowScores } = extras;
  // Joint log-densities more than `floor` below the row's best are dropped (-Infinity: none).
  const floor = extras.skipNegligible ? -50 : -Infinity;
  let objective = 0;
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    const row = firstRow + r;
    let max = -Infinity;
    let best = 0;
    if (logPriors === undefined) {
      for (let c = 0; c < k; c++) {
        const v = block[base + c]! + logWeights[c]!;
        block[base + c] = v;
        if (v > max) {
          max = v;
          best = c;
        }
      }
    } else {
      for (let c = 0; c < k; c++) {
        const v = block[base + c]! + logWeights[c]! + logPriors[row * k + c]!;
        block[base + c] = v;
        if (v > max) {
          max = v;
          best = c;
        }
      }
    }
    if (max === -Infinity) throw zeroDensity(block, base, k, row);
    if (extras.hard) {
      objective += assignHard(block, base, k, row, best, max, sampleWeight, totals, rowScores);
      continue;
    }
    const cut = max + floor;
    let sum = 0;
    let kept = 0;
    for (let c = 0; c < k; c++) {
      const v = block[base + c]!;
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
    // With one component kept (the common case on separated data) sum is exactly 1.
    const logLikelihood = kept === 1 ? max : max + Math.log(sum);
    if (!(logLikelihood - logLikelihood === 0)) throw nonFinite(block, base, k, row, max);
    if (rowScores !== undefined) rowScores[row] = logLikelihood;
    const w = sampleWeight === undefined ? 1 : sampleWeight[row]!;
    objective += w * logLikelihood;
    if (kept === 1) {
      block[base + best] = w;
      if (totals !== undefined) totals[best]! += w;
      continue;
    }
    const factor = w / sum;
    for (let c = 0; c < k; c++) {
      const e = block[base + c]!;
      if (e === 0) continue;
      const responsibility = e * factor;
      block[base + c] = responsibility;
      if (totals !== undefined) totals[c]! += responsibility;
    }
  }
  return objective;
}

/**
 * The C-step of one row: a one-hot row (the row weight at `best`, 0 elsewhere) after checking
 * that no entry is NaN or +Infinity. Returns the row's weighted classification log-likelihood.
 */
function assignHard(
  block: Float64Array,
  base: number,
  k: number,
  row: number,
  best: number,
  max: number,
  sampleWeight: Float64Array | undefined,
  totals: Float64Array | undefined,
  rowScores: Float64Array | undefined,
): number {
  for (let c = 0; c < k; c++) {
    if (Number.isNaN(block[base + c])) throw nonFinite(block, base, k, row, max);
    block[base + c] = 0;
  }
  if (max === Infinity) throw nonFinite(block, base, k, row, max);
  if (rowScores !== undefined) rowScores[row] = max;
  const w = sampleWeight === undefined ? 1 : sampleWeight[row]!;
  block[base + best] = w;
  if (totals !== undefined) totals[best]! += w;
  return w * max;
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
