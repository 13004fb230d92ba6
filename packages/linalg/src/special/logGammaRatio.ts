import { logGamma } from './logGamma.js';

/**
 * log(Γ(x + h) / Γ(x)) for x > 0 and h ≥ 0, without the cancellation of
 * `logGamma(x + h) − logGamma(x)` at large x (the Student-t normaliser at ν = 1e4 lost 11 digits
 * of its 15 that way). For h a multiple of ½ (the t's d/2):
 * - the integer part of h as Σₖ log(x + k) (Γ(y + 1) = yΓ(y));
 * - a remaining ½ as log Γ(y + ½) − log Γ(y), with y moved up to ≥ 16 by the same recurrence and
 *   then the asymptotic series ½ log y − 1/(8y) + 1/(192y³) − 1/(640y⁵) + 17/(14336y⁷)
 *   − 31/(18432y⁹) + 691/(180224y¹¹), from
 *   log Γ(y + a) − log Γ(y) ~ a log y + Σₖ (−1)^{k+1} (B_{k+1}(a) − B_{k+1}) / (k(k+1) yᵏ) with
 *   Bernoulli polynomials at a = ½ (DLMF 5.11.8); the first omitted term is below 1e-17 at y = 16.
 * Other h fall back to the difference of `logGamma`. NaN for x ≤ 0 or h < 0.
 */
export function logGammaRatio(x: number, h: number): number {
  if (!(x > 0 && h >= 0)) return Number.NaN;
  if (!Number.isInteger(2 * h)) return logGamma(x + h) - logGamma(x);
  const whole = Math.floor(h);
  let sum = 0;
  for (let k = 0; k < whole; k++) sum += Math.log(x + k);
  if (h === whole) return sum;
  let y = x + whole;
  // log Γ(y + ½) − log Γ(y) = [log Γ(y + m + ½) − log Γ(y + m)] − Σ (log(y + k + ½) − log(y + k)).
  while (y < 16) {
    sum -= Math.log1p(0.5 / y);
    y += 1;
  }
  const inverse = 1 / y;
  const inverse2 = inverse * inverse;
  const series =
    inverse *
    (-1 / 8 +
      inverse2 *
        (1 / 192 +
          inverse2 *
            (-1 / 640 +
              inverse2 * (17 / 14336 + inverse2 * (-31 / 18432 + inverse2 * (691 / 180224))))));
  return sum + 0.5 * Math.log(y) + series;
}
