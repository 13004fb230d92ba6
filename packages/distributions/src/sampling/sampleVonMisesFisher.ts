import type { RandomSource } from '@mixkit/core';
import { sampleGamma } from './sampleGamma.js';

/**
 * Draws one unit vector from the von Mises–Fisher distribution with unit mean direction
 * `mean[0..p)` and concentration κ ≥ 0 into `out[offset..offset+p)`, by Wood's (1994) rejection
 * sampler ("Simulation of the von Mises Fisher distribution", Commun. Statist. Simul. 23):
 * the component w = μᵀx from a Beta((p−1)/2, (p−1)/2) proposal, accepted when
 * κw + (p−1) log(1 − x₀w) − c ≥ log u, then a uniform direction v ⊥ μ, x = wμ + √(1−w²)·v.
 *
 * `b` is computed as (p−1)/(2κ + √(4κ² + (p−1)²)) (no cancellation at large κ), and 1 − w as
 * 2bz/(1 − (1−b)z), so rows drawn at κ = 1e5 keep their spread. `scratch` holds p entries.
 */
export function sampleVonMisesFisher(
  mean: Float64Array,
  concentration: number,
  random: RandomSource,
  out: Float64Array,
  offset: number,
  scratch: Float64Array,
): void {
  const p = mean.length;
  const m = p - 1;
  const b = m / (2 * concentration + Math.sqrt(4 * concentration * concentration + m * m));
  const x0 = (1 - b) / (1 + b);
  const c = concentration * x0 + m * Math.log(1 - x0 * x0);
  let w = 0;
  let oneMinusW = 1;
  for (;;) {
    // z ~ Beta(m/2, m/2) as G₁/(G₁ + G₂) with Gᵢ ~ Gamma(m/2).
    const g1 = sampleGamma(m / 2, random);
    const g2 = sampleGamma(m / 2, random);
    const z = g1 / (g1 + g2);
    const denominator = 1 - (1 - b) * z;
    w = (1 - (1 + b) * z) / denominator;
    oneMinusW = (2 * b * z) / denominator;
    const u = 1 - random.uniform(); // in (0, 1]
    if (concentration * w + m * Math.log(1 - x0 * w) - c >= Math.log(u)) break;
  }
  // A uniform direction orthogonal to the mean: a standard normal vector minus its projection.
  let dot = 0;
  for (let j = 0; j < p; j++) {
    const value = random.normal();
    scratch[j] = value;
    dot += value * mean[j];
  }
  let norm = 0;
  for (let j = 0; j < p; j++) {
    const value = scratch[j] - dot * mean[j];
    scratch[j] = value;
    norm += value * value;
  }
  const spread = Math.sqrt(Math.max(oneMinusW * (2 - oneMinusW), 0)) / Math.sqrt(norm);
  for (let j = 0; j < p; j++) out[offset + j] = w * mean[j] + spread * scratch[j];
}
