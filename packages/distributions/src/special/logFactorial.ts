import { logGamma } from './logGamma.js';

/** Size of the table behind `logFactorial` and `logFactorialTable`. */
export const LOG_FACTORIAL_TABLE_SIZE = 1024;

let table: Float64Array | undefined;

/**
 * log(n!) for n = 0 .. 1023, filled once on first use from `logGamma` (0! = 1! = 1 exactly;
 * Lanczos values from 2 on, not a running sum of logs whose rounding would accumulate).
 * Hot loops fetch it once per call and index it directly.
 */
export function logFactorialTable(): Float64Array {
  if (table === undefined) {
    table = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
    for (let i = 2; i < LOG_FACTORIAL_TABLE_SIZE; i++) table[i] = logGamma(i + 1);
  }
  return table;
}

/**
 * log(n!) for a non-negative integer n: a table lookup below 1024, `logGamma(n + 1)` above.
 */
export function logFactorial(n: number): number {
  return n < LOG_FACTORIAL_TABLE_SIZE ? logFactorialTable()[n]! : logGamma(n + 1);
}
