import { InvalidInputError, type Matrix, type RandomSource, toMatrix } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { kmeansPlusPlus } from './init/kmeansPlusPlus.js';
import { randomRows } from './init/randomRows.js';
import { labelRows } from './labelRows.js';
import type { ResolvedMiniBatchOptions } from './miniBatchOptions.js';

/**
 * Mini-batch seeding as scikit-learn: `nInit` seedings, each on `initSize` rows drawn at random
 * (with replacement; all rows when the subset would be the whole data), keeping the one of lowest
 * inertia on its own subset. Given centers are validated and used as they are. Returns centers in
 * the frame centered at `offset`.
 */
export function bestSeeding(
  options: ResolvedMiniBatchOptions,
  X: Matrix,
  offset: Float64Array,
  weights: Float64Array,
  random: RandomSource,
): Matrix {
  const { k, init, nInit, batchSize } = options;
  const { rows: n, cols: d } = X;
  if (typeof init !== 'string' && typeof init !== 'function') {
    const given = toMatrix(init, { argument: 'init', cols: d });
    if (given.rows !== k)
      throw new InvalidInputError({ argument: 'init', value: given.rows }, `expected ${k} centers`);
    const out = new Float64Array(k * d);
    for (let t = 0; t < k * d; t++) out[t] = given.data[t]! - offset[t % d]!;
    return { rows: k, cols: d, data: out };
  }
  const size = Math.min(
    n,
    options.initSize > 0 ? options.initSize : Math.max(3 * batchSize, 3 * k),
  );
  let best: Matrix | undefined;
  let bestInertia = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < nInit; attempt++) {
    const subset: Matrix = { rows: size, cols: d, data: new Float64Array(size * d) };
    const subsetWeights = new Float64Array(size);
    for (let r = 0; r < size; r++) {
      // All rows when the subset is the whole data; else a draw with replacement (as sklearn).
      const i = size === n ? r : random.integer(n);
      subsetWeights[r] = weights[i]!;
      for (let j = 0; j < d; j++) subset.data[r * d + j] = X.data[i * d + j]! - offset[j]!;
    }
    const seeded =
      init === 'k-means++'
        ? kmeansPlusPlus(subset, k, random, subsetWeights)
        : init === 'random'
          ? randomRows(subset, k, random, subsetWeights)
          : init(subset, k, random, subsetWeights);
    const labels = new Int32Array(size);
    const squared = new Float64Array(size);
    labelRows(subset, new Float64Array(d), seeded, rowSquaredNorms(seeded), labels, squared);
    let inertia = 0;
    for (let r = 0; r < size; r++) inertia += subsetWeights[r]! * squared[r]!;
    if (inertia < bestInertia || best === undefined) {
      best = seeded;
      bestInertia = inertia;
    }
  }
  return best!;
}

/** Column means and the mean of the column variances (unweighted, as scikit-learn's tolerance). */
export function columnMeans(X: Matrix): { offset: Float64Array; meanVariance: number } {
  const { rows: n, cols: d, data } = X;
  const offset = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) offset[j]! += data[i * d + j]!;
  for (let j = 0; j < d; j++) offset[j]! /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) total += (data[i * d + j]! - offset[j]!) ** 2;
  }
  return { offset, meanVariance: total / (n * d) };
}
