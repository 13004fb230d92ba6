import { logGamma } from './logGamma.js';

const TABLE_SIZE = 1024;
let table: Float64Array | undefined;

/**
 * log(n!) for a non-negative integer n: a table lookup below 1024 (filled once, on first use,
 * from `logGamma`), `logGamma(n + 1)` above. The count families call it once per entry in their
 * log-density loops, so the common case must be a load, not a Lanczos sum.
 */
export function logFactorial(n: number): number {
  if (n < TABLE_SIZE) {
    if (table === undefined) {
      table = new Float64Array(TABLE_SIZE);
      // 0! = 1! = 1 exactly; from 2 on the Lanczos value (not a running sum of logs, whose
      // rounding would accumulate).
      for (let i = 2; i < TABLE_SIZE; i++) table[i] = logGamma(i + 1);
    }
    return table[n]!;
  }
  return logGamma(n + 1);
}
