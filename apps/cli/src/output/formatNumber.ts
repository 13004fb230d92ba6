/**
 * A number for people: up to `digits` significant digits, no trailing zeros, exponent notation
 * only for very large or very small magnitudes.
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  // Large magnitudes print as whole numbers (a BIC of 996259 is more readable than 9.963e+5).
  if (magnitude >= 10 ** digits && magnitude < 1e15) return value.toFixed(0);
  if (magnitude >= 1e15 || magnitude < 1e-4) {
    return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  }
  const text = value.toPrecision(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
