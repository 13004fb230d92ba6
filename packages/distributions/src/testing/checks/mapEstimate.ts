import type { AnyComponentFamily, Matrix, RandomSource } from '@mixkit/core';
import { accumulateAll, ConformanceError, logDensities, randomWeights } from '../helpers.js';

/** Σᵢ wᵢ log p(xᵢ | θ) + logPrior(θ): what a MAP `estimate` maximises. */
function mapObjective(
  family: AnyComponentFamily,
  params: unknown,
  X: Matrix,
  weights: Float64Array,
): number {
  const densities = logDensities(family, params, X);
  let total = family.logPrior?.(params) ?? 0;
  for (let i = 0; i < X.rows; i++) if (weights[i] > 0) total += weights[i] * densities[i];
  return total;
}

/**
 * Check: a family with a prior (`logPrior`) estimates what maximises the weighted
 * log-likelihood plus `logPrior` — the objective EM runners report for it, which can then
 * never decrease. The estimate from the sample's weights must score at least as high
 * (within 1e-9 relative, for the probability floors) as estimates from 8 other weightings
 * of the same rows, which are valid parameters of the family.
 */
export function checkMapEstimate(
  family: AnyComponentFamily,
  X: Matrix,
  weights: Float64Array,
  random: RandomSource,
): void {
  const best = family.estimate(accumulateAll(family, X, weights));
  const top = mapObjective(family, best, X, weights);
  for (let trial = 0; trial < 8; trial++) {
    const other = family.estimate(accumulateAll(family, X, randomWeights(X.rows, random)));
    const score = mapObjective(family, other, X, weights);
    if (score > top + 1e-9 * Math.max(1, Math.abs(top))) {
      throw new ConformanceError(
        'map-estimate',
        `other parameters score ${score} > ${top} for the estimate's own statistics: estimate does not maximise the log-likelihood plus logPrior`,
      );
    }
  }
}
