import type { ContenderResult } from './types.js';

/**
 * " (CPU time: 1.23x)": the ratio of two rows' CPU time per iteration, for a target's detail
 * next to its wall-time ratio; empty when either row has no CPU time.
 */
export function cpuRatioNote(
  numerator: ContenderResult | undefined,
  denominator: ContenderResult | undefined,
): string {
  const a = numerator?.cpuPerIteration;
  const b = denominator?.cpuPerIteration;
  if (a === undefined || b === undefined || b <= 0) return '';
  return ` (CPU time: ${(a / b).toFixed(2)}x)`;
}
