import {
  type AnyComponentFamily,
  createMatrix,
  type Matrix,
  type RandomSource,
} from '@mixkit/core';
import {
  accumulateAll,
  ConformanceError,
  compareEstimates,
  compareValues,
  randomWeights,
  sampleMatrix,
  sliceRows,
} from '../helpers.js';

/**
 * What the statistics checks share: a family, a data sample, its weights, and the parameters
 * the sample was drawn from, passed to every `accumulate` as the current parameters (so a
 * family with per-row latent variables is checked on the path an EM runner takes).
 */
export interface StatisticsFixture {
  readonly family: AnyComponentFamily;
  readonly X: Matrix;
  readonly weights: Float64Array;
  readonly current: unknown;
  readonly tolerance: number;
}

export function statisticsFixture(
  family: AnyComponentFamily,
  params: unknown,
  n: number,
  random: RandomSource,
  tolerance: number,
): StatisticsFixture {
  const X = sampleMatrix(family, params, n, random);
  const weights = randomWeights(n, random);
  // At least one positive weight, so that estimates are defined.
  weights[0] = 1.25;
  return { family, X, weights, current: params, tolerance };
}

function fail(check: string, what: string, difference: string | undefined): void {
  if (difference !== undefined) throw new ConformanceError(check, `${what}: ${difference}`);
}

/** Check 3a: accumulating two chunks and merging equals one pass, in either order. */
export function checkMerge({ family, X, weights, current, tolerance }: StatisticsFixture): void {
  const whole = accumulateAll(family, X, weights, current);
  const split = Math.floor(X.rows / 3);
  const chunk = (start: number, end: number): unknown =>
    family.accumulate(family.createStats(X.cols), X, start, end, weights, start, 1, current);
  const target = chunk(0, split);
  const merged = family.merge(target, chunk(split, X.rows));
  if (merged !== target) throw new ConformanceError('merge', 'merge must return its target');
  fail(
    'merge',
    'merge(acc(A), acc(B)) differs from acc(A ∪ B)',
    compareValues(merged, whole, tolerance),
  );
  const reversed = family.merge(chunk(split, X.rows), chunk(0, split));
  fail('merge', 'merge is not commutative', compareValues(reversed, merged, tolerance));
  fail('merge', 'estimates differ', compareEstimates(family, merged, whole, X, tolerance));
  const empty = family.merge(
    family.createStats(X.cols),
    accumulateAll(family, X, weights, current),
  );
  fail(
    'merge',
    'merging into empty statistics changes them',
    compareValues(empty, whole, tolerance),
  );
}

/** Check 3b: a row of weight 2 counts as two rows of weight 1. */
export function checkDuplicateWeights({ family, X, current, tolerance }: StatisticsFixture): void {
  const d = X.cols;
  const twice = new Float64Array(X.rows);
  const rows: number[] = [];
  for (let i = 0; i < X.rows; i++) {
    twice[i] = i % 2 === 0 ? 2 : 1;
    rows.push(i);
    if (i % 2 === 0) rows.push(i);
  }
  const duplicated = createMatrix(rows.length, d);
  for (let i = 0; i < rows.length; i++) {
    duplicated.data.set(X.data.subarray(rows[i] * d, rows[i] * d + d), i * d);
  }
  const weighted = accumulateAll(family, X, twice, current);
  const repeated = accumulateAll(
    family,
    duplicated,
    new Float64Array(rows.length).fill(1),
    current,
  );
  fail(
    'duplicate-weights',
    'weight 2 differs from a duplicated row',
    compareValues(weighted, repeated, tolerance),
  );
  fail(
    'duplicate-weights',
    'estimates differ',
    compareEstimates(family, weighted, repeated, X, tolerance),
  );
}

/** Check 3c: rows of weight 0 change nothing. */
export function checkZeroWeights(
  { family, X, weights, current, tolerance }: StatisticsFixture,
  extra: Matrix,
): void {
  const d = X.cols;
  const combined = createMatrix(X.rows + extra.rows, d);
  const combinedWeights = new Float64Array(combined.rows);
  // Interleave the zero-weight rows between the weighted ones.
  let r = 0;
  for (let i = 0; i < Math.max(X.rows, extra.rows); i++) {
    if (i < X.rows) {
      combined.data.set(X.data.subarray(i * d, i * d + d), r * d);
      combinedWeights[r++] = weights[i];
    }
    if (i < extra.rows) {
      combined.data.set(extra.data.subarray(i * d, i * d + d), r * d);
      combinedWeights[r++] = 0;
    }
  }
  const without = accumulateAll(family, X, weights, current);
  const withZeros = accumulateAll(family, combined, combinedWeights, current);
  fail(
    'zero-weights',
    'zero-weight rows changed the statistics',
    compareValues(withZeros, without, tolerance),
  );
  const allZero = accumulateAll(family, X, new Float64Array(X.rows), current);
  fail(
    'zero-weights',
    'all-zero weights differ from empty statistics',
    compareValues(allZero, family.createStats(d), tolerance),
  );
}

/** Check 3d: estimate is unchanged when every weight is multiplied by the same constant. */
export function checkWeightScaleInvariance({
  family,
  X,
  weights,
  current,
  tolerance,
}: StatisticsFixture): void {
  const base = accumulateAll(family, X, weights, current);
  for (const factor of [1e-3, 37.5]) {
    const scaled = accumulateAll(
      family,
      X,
      weights.map((w) => w * factor),
      current,
    );
    fail(
      'weight-scale-invariance',
      `estimate changes when all weights are multiplied by ${factor}`,
      compareEstimates(family, scaled, base, X, tolerance),
    );
  }
}

/** Check 3e: scale(stats, c) equals accumulating with every weight multiplied by c. */
export function checkScale({ family, X, weights, current, tolerance }: StatisticsFixture): void {
  const factor = 2.5;
  const stats = accumulateAll(family, X, weights, current);
  const before = family.totalWeight(stats);
  const scaled = family.scale(stats, factor);
  if (scaled !== stats) throw new ConformanceError('scale', 'scale must return its argument');
  const direct = accumulateAll(
    family,
    X,
    weights.map((w) => w * factor),
    current,
  );
  fail('scale', 'scale(acc(w), c) differs from acc(c·w)', compareValues(scaled, direct, tolerance));
  fail(
    'scale',
    'totalWeight',
    compareValues(family.totalWeight(scaled), before * factor, tolerance),
  );
  let sum = 0;
  for (const w of weights) sum += w;
  fail('scale', 'totalWeight(acc(w)) differs from Σw', compareValues(before, sum, tolerance));
}

/**
 * Check 3f: accumulate reads a row range and its weights only at offset + i·stride: every other
 * entry of the weight buffer is NaN, which would poison the statistics if read.
 */
export function checkStridedWeights({
  family,
  X,
  weights,
  current,
  tolerance,
}: StatisticsFixture): void {
  const start = 3;
  const end = X.rows - 2;
  const offset = 2;
  const stride = 3;
  const buffer = new Float64Array(offset + (end - start) * stride + 4).fill(Number.NaN);
  for (let i = start; i < end; i++) buffer[offset + (i - start) * stride] = weights[i];
  const strided = family.accumulate(
    family.createStats(X.cols),
    X,
    start,
    end,
    buffer,
    offset,
    stride,
    current,
  );
  const contiguous = accumulateAll(
    family,
    sliceRows(X, start, end),
    weights.slice(start, end),
    current,
  );
  fail(
    'strided-weights',
    `rows [${start}, ${end}) with weights at ${offset} + i·${stride} differ from a contiguous copy`,
    compareValues(strided, contiguous, tolerance),
  );
}
