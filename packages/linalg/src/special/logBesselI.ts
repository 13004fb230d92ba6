import { logBesselIScaled } from './logBesselIScaled.js';

/**
 * log I_ν(x), the logarithm of the modified Bessel function of the first kind, for a real order
 * ν ≥ 0 and x ≥ 0: `logBesselIScaled(ν, x) + x`, so it stays finite far beyond where I_ν(x)
 * overflows a double. Prefer `logBesselIScaled` where the caller subtracts x again (a von
 * Mises–Fisher density is κ(μᵀx − 1) + log C_p(κ) + κ), which keeps every digit at large x.
 */
export function logBesselI(order: number, x: number): number {
  return logBesselIScaled(order, x) + x;
}
