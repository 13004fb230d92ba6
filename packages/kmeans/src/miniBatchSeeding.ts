import { InvalidInputError, type Matrix, type RandomSource, toMatrix } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { kmeansPlusPlus } from './init/kmeansPlusPlus.js';
import { randomRows } from './init/randomRows.js';
import { largestMagnitude, normalizingExponent } from './internal/powerOfTwo.js';
import { type ScaledFrame, toFrame } from './internal/scaledFrame.js';
import { labelRows } from './labelRows.js';
import type { ResolvedMiniBatchOptions } from './miniBatchOptions.js';

/**
 * Mini-batch seeding as scikit-learn: `nInit` seedings, each on `initSize` rows drawn at random
 * (with replacement; all rows when the subset would be the whole data), keeping the one of lowest
 * inertia on its own subset. Given centers are validated and used as they are. Returns centers in
 * the data's `frame`.
 */
export function bestSeeding(
  options: ResolvedMiniBatchOptions,
  X: Matrix,
  frame: ScaledFrame,
  weights: Float64Array,
  random: RandomSource,
): Matrix {
  const { k, init, nInit, batchSize } = options;
  const { rows: n, cols: d } = X;
  if (typeof init !== 'string' && typeof init !== 'function') {
    const given = toMatrix(init, { argument: 'init', cols: d });
    if (given.rows !== k)
      throw new InvalidInputError({ argument: 'init', value: given.rows }, `expected ${k} centers`);
    return { rows: k, cols: d, data: toFrame(given, 0, k, frame, new Float64Array(k * d)) };
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
      subsetWeights[r] = weights[i];
      for (let j = 0; j < d; j++) {
        subset.data[r * d + j] = X.data[i * d + j] * frame.scale - frame.offset[j];
      }
    }
    const seeded =
      init === 'k-means++'
        ? kmeansPlusPlus(subset, k, random, subsetWeights)
        : init === 'random'
          ? randomRows(subset, k, random, subsetWeights)
          : init(subset, k, random, subsetWeights);
    const labels = new Int32Array(size);
    const squared = new Float64Array(size);
    labelRows(
      subset,
      { scale: 1, offset: new Float64Array(d) },
      seeded,
      rowSquaredNorms(seeded),
      labels,
      squared,
    );
    let inertia = 0;
    for (let r = 0; r < size; r++) inertia += subsetWeights[r] * squared[r];
    if (inertia < bestInertia || best === undefined) {
      best = seeded;
      bestInertia = inertia;
    }
  }
  return best!;
}

/**
 * The frame mini-batch k-means computes in: X times a power of two when its magnitude is extreme
 * (`normalizingExponent`; exact), centered at the column means. With the mean of the column
 * variances (unweighted, as scikit-learn's tolerance), in the frame's units.
 */
export function miniBatchFrame(X: Matrix): { frame: ScaledFrame; meanVariance: number } {
  const { rows: n, cols: d, data } = X;
  const exponent = normalizingExponent(largestMagnitude(data));
  const scale = 2 ** exponent;
  const offset = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) offset[j] += data[i * d + j] * scale;
  for (let j = 0; j < d; j++) offset[j] /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) total += (data[i * d + j] * scale - offset[j]) ** 2;
  }
  return { frame: { scale, exponent, offset }, meanVariance: total / (n * d) };
}
