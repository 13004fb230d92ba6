import { AbortedError } from './errors/abortedError.js';
import { InvalidInputError } from './errors/invalidInputError.js';

/**
 * Argument checks shared by every package, so that the same mistake gets the same typed error
 * everywhere (after pomegranate's `_check_parameter(value, name, ...)`).
 */

/** Requires an integer in [min, max]. */
export function assertInteger(
  value: unknown,
  argument: string,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidInputError({ argument, value }, 'expected an integer');
  }
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InvalidInputError({ argument, value }, `expected an integer ${range}`);
  }
}

/** Requires a finite number in [min, max] (or (min, max] when `exclusiveMin`). */
export function assertNumber(
  value: unknown,
  argument: string,
  { min = -Infinity, max = Infinity, exclusiveMin = false } = {},
): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidInputError({ argument, value }, 'expected a finite number');
  }
  if (value < min || (exclusiveMin && value === min) || value > max) {
    const low = exclusiveMin ? `> ${min}` : `>= ${min}`;
    const high = max === Infinity ? '' : ` and <= ${max}`;
    throw new InvalidInputError({ argument, value }, `expected a number ${low}${high}`);
  }
}

/** Requires the number of clusters to be an integer in [1, n]. */
export function assertClusterCount(
  k: unknown,
  n: number,
  argument = 'nClusters',
): asserts k is number {
  assertInteger(k, argument, 1);
  if (k > n) {
    throw new InvalidInputError(
      { argument, value: k },
      `cannot fit ${k} clusters to ${n} rows (nClusters must be <= the number of rows)`,
    );
  }
}

/**
 * Validates per-row weights: length n, finite, non-negative, not all zero.
 * Returns them as a `Float64Array` (a copy unless already one).
 */
export function toWeights(
  weights: ArrayLike<number>,
  n: number,
  argument = 'sampleWeight',
): Float64Array {
  if (weights.length !== n) {
    throw new InvalidInputError(
      { argument, value: weights.length },
      `expected one weight per row (${n})`,
    );
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new InvalidInputError(
        { argument, row: i, value: w },
        'weights must be finite and >= 0',
      );
    }
    total += w;
  }
  if (total <= 0) throw new InvalidInputError({ argument }, 'all weights are zero');
  return weights instanceof Float64Array ? weights : Float64Array.from(weights);
}

/** Throws `AbortedError` when the signal has fired. Called between iterations. */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new AbortedError(what, signal.reason);
}
