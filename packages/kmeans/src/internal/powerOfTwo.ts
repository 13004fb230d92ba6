/**
 * Scaling by powers of two, which is exact in binary floating point (away from overflow and
 * subnormals): k-means results scale exactly with the data and the weights, so data or weights
 * of extreme magnitude are brought near 1 before fitting and the results brought back after,
 * with the same bits as a fit of data that was near 1 to begin with.
 */

/** Values whose largest magnitude lies in [2^-LIMIT, 2^LIMIT] are used as they are. */
const LIMIT = 200;

/**
 * The exponent e such that `value · 2^e` lies in [1, 2), when `value` (a largest magnitude) is
 * outside [2^-200, 2^200], where squared distances summed over rows could overflow or underflow;
 * 0 otherwise (and for 0), so ordinary data keeps its bits. Always within [-1023, 1023], so
 * 2^e is a finite double.
 */
export function normalizingExponent(value: number): number {
  if (!(value > 0) || (value >= 2 ** -LIMIT && value <= 2 ** LIMIT)) return 0;
  return Math.max(-1023, Math.min(1023, -Math.floor(Math.log2(value))));
}

/** `value · 2^exponent`, in steps so that no factor overflows (for |exponent| up to ~3000). */
export function timesPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  let rest = exponent;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

/** The largest |x| in `values` (0 when empty). */
export function largestMagnitude(values: ArrayLike<number>): number {
  let max = 0;
  for (let t = 0; t < values.length; t++) {
    const v = Math.abs(values[t]);
    if (v > max) max = v;
  }
  return max;
}

/**
 * Weights times the power of two that brings the largest near 1 when it is extreme (all
 * 1e308 would overflow their sums, all 1e-310 are subnormal), with that exponent; the weights
 * themselves (no copy) and 0 otherwise. k-means results do not depend on a common factor.
 */
export function normalizedWeights(weights: Float64Array): {
  readonly weights: Float64Array;
  readonly exponent: number;
} {
  const exponent = normalizingExponent(largestMagnitude(weights));
  if (exponent === 0) return { weights, exponent };
  const factor = 2 ** exponent;
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i] * factor;
  return { weights: out, exponent };
}
