import { InvalidInputError } from './errors/invalidInputError.js';
import type { RandomSource } from './random.js';
import { assertInteger } from './validate.js';

/**
 * `m` distinct indices of [0, n), uniformly at random without replacement, in the order drawn:
 * the first m entries of a partial Fisher–Yates shuffle of 0..n − 1 (Knuth, TAOCP vol. 2,
 * Algorithm P), one `random.integer` draw per index. O(n) time and memory.
 */
export function sampleWithoutReplacement(n: number, m: number, random: RandomSource): Int32Array {
  assertInteger(n, 'n', 0);
  assertInteger(m, 'm', 0);
  if (m > n) throw new InvalidInputError({ argument: 'm', value: m }, `more than n = ${n}`);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < m; i++) {
    const pick = i + random.integer(n - i);
    const swap = order[i] ?? 0;
    order[i] = order[pick] ?? 0;
    order[pick] = swap;
  }
  return order.slice(0, m);
}
