import {
  assertClusterCount,
  InvalidInputError,
  type Matrix,
  type RandomSource,
  sampleWithoutReplacement,
} from '@mixkit/core';

/**
 * Random seeding (Forgy): k distinct rows drawn without replacement, with probability
 * proportional to their weights (rows of weight 0 are never drawn). Returns a k x d matrix.
 * Deterministic given `random`. O(n) for unit weights (partial Fisher–Yates), O(nk) otherwise.
 */
export function randomRows(
  X: Matrix,
  k: number,
  random: RandomSource,
  weights?: Float64Array,
): Matrix {
  const { rows: n, cols: d, data } = X;
  assertClusterCount(k, n);
  const chosen =
    weights === undefined
      ? sampleWithoutReplacement(n, k, random)
      : weightedSample(weights, k, random);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const row = chosen[c];
    centers.set(data.subarray(row * d, row * d + d), c * d);
  }
  return { rows: k, cols: d, data: centers };
}

function weightedSample(weights: Float64Array, k: number, random: RandomSource): Int32Array {
  const n = weights.length;
  const remaining = Float64Array.from(weights);
  let total = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    total += remaining[i];
    if (remaining[i] > 0) positive++;
  }
  if (positive < k) {
    throw new InvalidInputError(
      { argument: 'nClusters', value: k },
      `only ${positive} rows have a positive weight`,
    );
  }
  const chosen = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const target = random.uniform() * total;
    let running = 0;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      if (remaining[i] <= 0) continue;
      pick = i;
      running += remaining[i];
      if (running > target) break;
    }
    chosen[c] = pick;
    total -= remaining[pick];
    remaining[pick] = 0;
  }
  return chosen;
}
