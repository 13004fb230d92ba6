import type { Matrix, RandomSource } from '@mixkit/core';

/**
 * Shuffles the rows of X and the labels together in place (Fisher-Yates, Knuth's Algorithm P),
 * with one `random.integer` draw per row, so the result depends only on the source's state.
 */
export function shuffleRows(X: Matrix, labels: Int32Array, random: RandomSource): void {
  const d = X.cols;
  const data = X.data;
  const tmp = new Float64Array(d);
  for (let i = X.rows - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    if (j === i) continue;
    const a = i * d;
    const b = j * d;
    tmp.set(data.subarray(a, a + d));
    data.copyWithin(a, b, b + d);
    data.set(tmp, b);
    const label = labels[i];
    labels[i] = labels[j];
    labels[j] = label;
  }
}
