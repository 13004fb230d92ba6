import type { Spread } from './fitReport.js';

/**
 * The smallest, 10th percentile, median, 90th percentile and largest of the finite values
 * (nearest rank on a sorted copy), or null when there are none.
 */
export function spreadOf(values: ArrayLike<number>): Spread | null {
  const finite = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = finite.length;
  if (n === 0) return null;
  const at = (q: number) =>
    finite[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? Number.NaN;
  return {
    min: finite[0] ?? 0,
    p10: at(0.1),
    median: at(0.5),
    p90: at(0.9),
    max: finite[n - 1] ?? 0,
  };
}
