import { type AnyComponentFamily, createRandom } from '@mixkit/core';
import { ConformanceError, estimateToFixedPoint, logDensities, sampleMatrix } from '../helpers.js';

/**
 * Check 2: estimating from a large sample drawn from the parameters recovers them, judged by the
 * Kullback–Leibler divergence KL(true ‖ estimated) = E_true[log p_true − log p_est], estimated on
 * a fresh sample. For a consistent estimator it shrinks like (free parameters) / (2n), so it is
 * a parameterisation-free yardstick (no per-family parameter tolerances).
 */
export function checkRecovery(
  family: AnyComponentFamily,
  params: unknown,
  sampleSize: number,
  maxKl: number,
  seed: number,
): void {
  const random = createRandom(seed);
  const train = sampleMatrix(family, params, sampleSize, random);
  const weights = new Float64Array(sampleSize).fill(1);
  // For a family with per-row latent variables, EM to its fixed point (one step otherwise).
  const estimated = estimateToFixedPoint(family, train, weights);
  const test = sampleMatrix(family, params, sampleSize, random);
  const truth = logDensities(family, params, test);
  const fitted = logDensities(family, estimated, test);
  let kl = 0;
  for (let i = 0; i < test.rows; i++) kl += truth[i] - fitted[i];
  kl /= test.rows;
  if (!(Math.abs(kl) <= maxKl)) {
    throw new ConformanceError(
      'recovery',
      `KL(true ‖ estimated) ≈ ${kl} nats from ${sampleSize} draws exceeds ${maxKl}; ` +
        `estimated ${JSON.stringify(family.paramsToJSON(estimated))}`,
    );
  }
}
