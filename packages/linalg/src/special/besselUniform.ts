import { BESSEL_U, BESSEL_V } from './besselUniformCoefficients.js';

/**
 * The smallest order at which Debye's uniform expansion, summed to k = 10, is used directly: there
 * the first omitted term U₁₁(p)/ν¹¹ is below 4e-19 for every p in [0, 1] (|U₁₁| < 3.6). Lower
 * orders are reached from this one by the downward recurrence (see `logBesselIScaled`).
 */
export const UNIFORM_MIN_ORDER = 50;

/** Σₖ cₖ(p)/νᵏ over a table of polynomials (ascending powers of p), by Horner in p and in 1/ν. */
function debyeSum(table: readonly Float64Array[], p: number, inverseOrder: number): number {
  let sum = 0;
  for (let k = table.length - 1; k >= 0; k--) {
    const coefficients = table[k] as Float64Array;
    let value = 0;
    for (let j = coefficients.length - 1; j >= 0; j--) value = value * p + coefficients[j];
    sum = sum * inverseOrder + value;
  }
  return sum;
}

/**
 * log(e⁻ˣ I_ν(x)) for ν ≥ `UNIFORM_MIN_ORDER` and x > 0 from DLMF 10.41.3 with z = x/ν:
 * ν·η − x − ½ log(2πν) − ¼ log(1 + z²) + log Σ Uₖ(p)/νᵏ, η = √(1+z²) + log(z / (1 + √(1+z²))).
 * The exponent is taken as ν(√(1+z²) − z) = ν / (√(1+z²) + z) plus ν log(z / (1 + √(1+z²))), so
 * that subtracting x cancels nothing: the result is accurate in absolute terms even at x = 1e6.
 */
export function uniformLogScaled(order: number, x: number): number {
  const z = x / order;
  const root = Math.hypot(1, z);
  const sum = debyeSum(BESSEL_U, 1 / root, 1 / order);
  return (
    order / (root + z) +
    order * Math.log(z / (1 + root)) -
    0.5 * Math.log(2 * Math.PI * order) -
    0.5 * Math.log(root) +
    Math.log(sum)
  );
}

/**
 * I_{ν+1}(x)/I_ν(x) for ν ≥ `UNIFORM_MIN_ORDER` and x > ν, from DLMF 10.41.3–4 and
 * I_{ν+1} = I'_ν − (ν/x) I_ν: the ratio is (√(1+z²) ΣVₖ/ΣUₖ − 1)/z. With z > 1 the bracket is
 * above √2 − 1 − O(1/ν), so the subtraction loses at most two bits.
 */
export function uniformRatio(order: number, x: number): number {
  const z = x / order;
  const root = Math.hypot(1, z);
  const p = 1 / root;
  const inverseOrder = 1 / order;
  const ratio = debyeSum(BESSEL_V, p, inverseOrder) / debyeSum(BESSEL_U, p, inverseOrder);
  return (root * ratio - 1) / z;
}

/**
 * I_{ν+1}(x)/I_ν(x) for 0 < x ≤ ν (ν ≥ 1) by the continued fraction
 * 1/(2(ν+1)/x + 1/(2(ν+2)/x + …)) (from I_{ν−1} − I_{ν+1} = (2ν/x) I_ν, DLMF 10.29.1), summed by
 * the modified Lentz method (Numerical Recipes, 3rd ed., §5.2). Every partial denominator is at
 * least 2, so it converges geometrically, in at most a few dozen terms.
 */
export function continuedFractionRatio(order: number, x: number): number {
  const tiny = 1e-300;
  let value = tiny;
  let c = value;
  let d = 0;
  for (let k = 1; k < 1000; k++) {
    const b = (2 * (order + k)) / x;
    d = b + d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = b + 1 / c;
    const delta = c * d;
    value *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return value;
}

/** I_{ν+1}(x)/I_ν(x) for ν ≥ `UNIFORM_MIN_ORDER` and x > 0. */
export function largeOrderRatio(order: number, x: number): number {
  return x <= order ? continuedFractionRatio(order, x) : uniformRatio(order, x);
}
