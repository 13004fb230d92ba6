import type { FamilySpec, Matrix, RandomSource } from '@mixkit/core';
import { logGammaRatio } from '@mixkit/linalg';
import { validateGaussianData } from '../gaussian/shared.js';
import { sampleGamma } from '../sampling/sampleGamma.js';
import { missingRowsFor } from '../support/validateSupport.js';
import type { ResolvedStudentTOptions } from './studentTOptions.js';

/**
 * The ν-dependent part of the t log-density's constant:
 * log Γ((ν+d)/2) − log Γ(ν/2) − (d/2) log(νπ), the Γ ratio without cancellation at large ν.
 * Adding log det U = −½ log|Σ| gives the log-normaliser.
 */
export function studentTLogConstant(dof: number, d: number): number {
  return logGammaRatio(dof / 2, d / 2) - (d / 2) * Math.log(dof * Math.PI);
}

/**
 * Turns squared distances δ² already in `out[offset + i·stride]` (rows i of [start, end)) into
 * log t(x) = logNormalizer − ((ν + d)/2) log(1 + δ²/ν); NaN (from NaN data) becomes −Infinity.
 */
export function studentTLogDensityFromDistances(
  dof: number,
  d: number,
  logNormalizer: number,
  n: number,
  out: Float64Array,
  outOffset: number,
  outStride: number,
): void {
  const exponent = -(dof + d) / 2;
  for (let i = 0, o = outOffset; i < n; i++, o += outStride) {
    const value = logNormalizer + exponent * Math.log1p(out[o] / dof);
    out[o] = Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
  }
}

/** √(ν/g) with g ~ χ²_ν = 2·Gamma(ν/2): the factor that turns a normal draw into a t draw. */
export function studentTFactor(dof: number, random: RandomSource): number {
  const chiSquare = 2 * sampleGamma(dof / 2, random);
  return Math.sqrt(dof / Math.max(chiSquare, Number.MIN_VALUE));
}

/** The members both Student-t families share: kind, spec, validate, dimension. */
export function studentTBase(kind: string, resolved: ResolvedStudentTOptions) {
  return {
    kind,
    spec: (): FamilySpec => ({ kind, options: resolved.spec }),
    validate(X: Matrix, argument = 'X'): void {
      missingRowsFor(
        X,
        kind,
        'refuse-missing',
        'its E-step over missing coordinates and the latent scale together is not implemented',
      );
      // Finite data whose columns' variances double precision can hold (see the Gaussians').
      validateGaussianData(X, argument, kind);
    },
    dimension: (params: { readonly location: Float64Array }): number => params.location.length,
  };
}
