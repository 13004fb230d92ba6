import { assertInteger, createMatrix, type Matrix, type RandomSource } from '@mixkit/core';
import type { MixtureParts } from './scoreRows.js';

/** Rows drawn from a mixture, grouped by component, with the component of each row. */
export interface MixtureSample {
  /** The n x d drawn rows. */
  readonly X: Matrix;
  /** The component each row was drawn from. */
  readonly labels: Int32Array;
}

/**
 * Draws n rows: component counts from the mixing weights (one categorical draw per row),
 * then each component's rows from its family's own `sample`, written in place into one
 * n x d buffer. The runner never needs to know what kind of family it is sampling.
 */
export function sampleMixture(
  parts: MixtureParts,
  dimension: number,
  n: number,
  random: RandomSource,
): MixtureSample {
  assertInteger(n, 'n', 0);
  const { families, params, logWeights } = parts;
  const k = families.length;
  const cumulative = new Float64Array(k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    sum += Math.exp(logWeights[c]);
    cumulative[c] = sum;
  }
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const u = random.uniform() * sum;
    let c = 0;
    while (c < k - 1 && u >= cumulative[c]) c++;
    counts[c]++;
  }
  const X = createMatrix(n, dimension);
  const labels = new Int32Array(n);
  let row = 0;
  for (let c = 0; c < k; c++) {
    const count = counts[c];
    if (count === 0) continue;
    families[c].sample(params[c], count, random, X.data, row);
    labels.fill(c, row, row + count);
    row += count;
  }
  return { X, labels };
}
