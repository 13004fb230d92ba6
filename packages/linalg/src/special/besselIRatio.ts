import { largeOrderRatio, UNIFORM_MIN_ORDER } from './besselUniform.js';

/**
 * I_{ν+1}(x) / I_ν(x) for a real order ν ≥ 0 and x ≥ 0, in [0, 1). For the von Mises–Fisher
 * distribution on the sphere in p dimensions, A_p(κ) = I_{p/2}(κ)/I_{p/2−1}(κ) is the mean
 * resultant length, whose inverse is the maximum-likelihood κ (Banerjee et al. 2005, eq. 4.3).
 *
 * ν ≥ 50: a continued fraction for x ≤ ν, Debye's uniform expansions of I_ν and I'_ν beyond.
 * ν < 50: the downward recurrence R_{k−1} = 1/(2k/x + R_k) from the first order ≥ 50 on the same
 * lattice (see `logBesselIScaled`). Within 2e-15 relative of mpmath over ν ≤ 511.5, x ≤ 1e6.
 * Returns 0 at x = 0 and NaN for a negative or NaN argument.
 */
export function besselIRatio(order: number, x: number): number {
  if (!(order >= 0 && x >= 0) || order === Number.POSITIVE_INFINITY) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (order >= UNIFORM_MIN_ORDER) return largeOrderRatio(order, x);
  const steps = Math.ceil(UNIFORM_MIN_ORDER - order);
  let ratio = largeOrderRatio(order + steps, x);
  for (let k = order + steps; k > order; k--) ratio = 1 / ((2 * k) / x + ratio);
  return ratio;
}
