/**
 * The digamma function ψ(x) = d/dx log Γ(x) for x > 0.
 *
 * Shifts x up with ψ(x) = ψ(x+1) − 1/x until x ≥ 10, then sums the asymptotic (Stirling) series
 * ψ(x) ≈ log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (Abramowitz & Stegun 6.3.18); the first omitted term is
 * below 1e-15 at x = 10. Returns NaN for x ≤ 0 (not needed by mixkit's estimators).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let value = x;
  while (value < 10) {
    shift += 1 / value;
    value += 1;
  }
  const inv2 = 1 / (value * value);
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return Math.log(value) - 0.5 / value - series - shift;
}
