import { logGamma } from './logGamma.js';

/** Size of the table behind `logFactorial` and `logFactorialTable`. */
export const LOG_FACTORIAL_TABLE_SIZE = 1024;

/** Filled once on first use, then only read: a constant table, not scratch memory. */
let table: Float64Array | undefined;

/**
 * log(n!) for n = 0 .. 1023, filled once on first use: exact products up to 20! (k! for k ≤ 22
 * is a double, its odd part being below 2⁵³) under one correctly rounded log, then
 * `logGamma(n + 1)`; never a running sum of logs, whose rounding would grow with n. Hot loops
 * fetch it once per call and index it directly.
 */
export function logFactorialTable(): Float64Array {
  if (table === undefined) {
    const values = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
    let factorial = 1;
    for (let n = 1; n < LOG_FACTORIAL_TABLE_SIZE; n++) {
      if (n <= 20) {
        factorial *= n;
        values[n] = Math.log(factorial);
      } else {
        values[n] = logGamma(n + 1);
      }
    }
    table = values;
  }
  return table;
}

/** log(n!) for a non-negative integer n: a table lookup below 1024, `logGamma(n + 1)` above. */
export function logFactorial(n: number): number {
  return n < LOG_FACTORIAL_TABLE_SIZE ? logFactorialTable()[n] : logGamma(n + 1);
}
