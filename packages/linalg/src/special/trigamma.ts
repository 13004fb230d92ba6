/**
 * The trigamma function ψ'(x) for x > 0.
 *
 * Shifts x up with ψ'(x) = ψ'(x+1) + 1/x² until x ≥ 10, then sums the asymptotic series
 * ψ'(x) ≈ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹ (Abramowitz & Stegun 6.4.12). Returns NaN for x ≤ 0.
 */
export function trigamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let value = x;
  while (value < 10) {
    shift += 1 / (value * value);
    value += 1;
  }
  const inv = 1 / value;
  const inv2 = inv * inv;
  const series =
    inv +
    0.5 * inv2 +
    inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66)))));
  return series + shift;
}
