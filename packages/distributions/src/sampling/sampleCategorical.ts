import type { RandomSource } from '@mixkit/core';

/**
 * One draw from the categorical distribution `probabilities[offset .. offset + length)`
 * (summing to 1), by inversion: the first index whose cumulative probability exceeds a uniform.
 * Returns an index in [0, length). If rounding leaves the total just below the uniform, the last
 * category with positive probability is returned, never one with probability 0.
 */
export function sampleCategorical(
  probabilities: Float64Array,
  offset: number,
  length: number,
  random: RandomSource,
): number {
  const u = random.uniform();
  let cumulative = 0;
  let lastPositive = 0;
  for (let j = 0; j < length; j++) {
    const p = probabilities[offset + j];
    if (p > 0) {
      cumulative += p;
      lastPositive = j;
      if (u < cumulative) return j;
    }
  }
  return lastPositive;
}
