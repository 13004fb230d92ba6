import { assertInteger, InvalidInputError } from '@mixkit/core';

/**
 * Splits n rows among components in proportion to `weights` (largest-remainder rounding), so
 * realised proportions match the weights to within 1/n and every run with the same n and
 * weights has the same sizes. With equal weights this is scikit-learn's `make_blobs` split
 * (n // k each, the remainder to the first components).
 */
export function componentSizes(n: number, weights: Float64Array): Int32Array {
  const k = weights.length;
  const sizes = new Int32Array(k);
  const remainders = new Float64Array(k);
  let assigned = 0;
  for (let c = 0; c < k; c++) {
    const exact = n * weights[c];
    sizes[c] = Math.floor(exact);
    remainders[c] = exact - sizes[c];
    assigned += sizes[c];
  }
  // Hand out the rest one by one to the largest remainders (ties: lower index first).
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) => remainders[b] - remainders[a] || a - b,
  );
  for (let t = 0; assigned < n; t++, assigned++) sizes[order[t % k]] += 1;
  return sizes;
}

/**
 * Validates mixing weights (finite, >= 0, not all 0; `argument` names them in errors) and
 * returns them normalised to sum 1. `undefined` gives uniform weights over `k` components.
 */
export function toMixingWeights(
  weights: ArrayLike<number> | undefined,
  k: number,
  argument = 'weights',
): Float64Array {
  if (weights === undefined) return new Float64Array(k).fill(1 / k);
  if (weights.length !== k) {
    throw new InvalidInputError(
      { argument, value: weights.length },
      `expected one weight per component (${k})`,
    );
  }
  const out = new Float64Array(k);
  let total = 0;
  for (let c = 0; c < k; c++) {
    const w = weights[c];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new InvalidInputError(
        { argument, row: c, value: w },
        'weights must be finite and >= 0',
      );
    }
    out[c] = w;
    total += w;
  }
  if (total <= 0) throw new InvalidInputError({ argument }, 'all weights are zero');
  for (let c = 0; c < k; c++) out[c] /= total;
  return out;
}

/** Validates a row count. */
export function assertSampleCount(n: unknown, argument = 'nSamples'): asserts n is number {
  assertInteger(n, argument, 1);
}
