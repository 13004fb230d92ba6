import { cholesky } from '@mixkit/linalg';
import { RTEPS, singular } from './innerControl.js';

/**
 * Throws unless the d x d covariance Σ is positive definite with a Cholesky factor L whose
 * diagonal passes mclust's test for its QR-based models (`meeee`, `mevvv`):
 * min Lⱼⱼ / (1 + max Lⱼⱼ) > √ε.
 */
export function assertWellConditioned(
  kind: string,
  d: number,
  covariance: Float64Array,
  what: string,
) {
  const result = cholesky(d, covariance);
  if (!result.ok) throw singular(kind, `${what} is not positive definite`);
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let j = 0; j < d; j++) {
    const value = Math.abs(result.factor[j * d + j]);
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (!(min / (1 + max) > RTEPS)) throw singular(kind, `${what} has condition ≤ √ε`);
}
