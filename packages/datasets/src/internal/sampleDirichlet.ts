import type { RandomSource } from '@mixkit/core';
import { sampleGamma } from '@mixkit/distributions';

/**
 * Writes one Dirichlet(concentration, ..., concentration) draw of length `length` to
 * `out[offset ..]`: independent Gamma(concentration) deviates (from @mixkit/distributions)
 * normalised to sum 1 (Devroye 1986, XI.4). Small concentrations give sparse vectors.
 */
export function sampleDirichlet(
  concentration: number,
  length: number,
  random: RandomSource,
  out: Float64Array,
  offset = 0,
): Float64Array {
  let total = 0;
  for (let j = 0; j < length; j++) {
    const g = sampleGamma(concentration, random);
    out[offset + j] = g;
    total += g;
  }
  for (let j = 0; j < length; j++) out[offset + j] /= total;
  return out;
}

/** One Beta(a, b) deviate as G_a / (G_a + G_b) with Gamma deviates from @mixkit/distributions. */
export function sampleBeta(a: number, b: number, random: RandomSource): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x / (x + y);
}
