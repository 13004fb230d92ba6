/**
 * Natural log of the gamma function for x > 0, to about 1e-15 relative accuracy.
 *
 * Arguments below 15 are shifted up with the recurrence `lnG(x) = lnG(x + k) - ln(x (x+1) ...
 * (x+k-1))`; from 15 on the Stirling series (Abramowitz & Stegun 6.1.41) with terms to x^-11 is
 * accurate to below half an ulp. Returns NaN for x <= 0 or NaN (callers validate first).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let shift = 1;
  let y = x;
  while (y < 15) {
    shift *= y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Bernoulli-number coefficients B_2k / (2k (2k - 1)): 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360.
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 - (inv2 * 691) / 360360)))));
  const stirling = (y - 0.5) * Math.log(y) - y + 0.5 * Math.log(2 * Math.PI) + series;
  return shift === 1 ? stirling : stirling - Math.log(shift);
}

/**
 * `out[k] = ln(k!)` for k = 0..n, each computed directly (exact products up to 20!, then
 * `logGamma(k + 1)`), not by a running sum of logs, whose rounding would grow with k.
 */
export function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  let factorial = 1;
  for (let k = 1; k <= n; k++) {
    if (k <= 20) {
      // Exact: k! for k <= 22 is a double (its odd part is below 2^53).
      factorial *= k;
      out[k] = Math.log(factorial);
    } else {
      out[k] = logGamma(k + 1);
    }
  }
  return out;
}
