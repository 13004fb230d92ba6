import type { RandomSource } from '@mixkit/core';
import { logFactorial } from '@mixkit/linalg';

/** Below this rate inversion is cheap (expected ~rate + 1 steps); above it PTRS is O(1). */
const INVERSION_LIMIT = 10;

/**
 * One Poisson(rate) deviate, using only `random.uniform()`.
 *
 * - rate < 10: sequential inversion (Devroye 1986, §X.3.3): walk the cdf from 0.
 * - rate >= 10: PTRS, the transformed rejection method with squeeze of W. Hörmann,
 *   "The transformed rejection method for generating Poisson random variables",
 *   Insurance: Mathematics and Economics 12 (1993) 39–45 (constants from the paper; the same
 *   algorithm NumPy uses).
 */
export function samplePoisson(rate: number, random: RandomSource): number {
  if (rate <= 0) return 0;
  if (rate < INVERSION_LIMIT) {
    let k = 0;
    let probability = Math.exp(-rate);
    let cumulative = probability;
    const u = random.uniform();
    // The 1000-step guard only matters if rounding leaves the cdf just below u.
    while (u >= cumulative && k < 1000) {
      k += 1;
      probability *= rate / k;
      cumulative += probability;
    }
    return k;
  }
  const sqrtRate = Math.sqrt(rate);
  const logRate = Math.log(rate);
  const b = 0.931 + 2.53 * sqrtRate;
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.uniform() - 0.5;
    const v = random.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + rate + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <=
      -rate + k * logRate - logFactorial(k)
    ) {
      return k;
    }
  }
}
