import { InvalidInputError } from '@mixkit/core';

/** Labels recoded to dense codes 0..k-1, in increasing order of the original values. */
export interface EncodedLabels {
  /** Code of each row, in [0, values.length). */
  readonly codes: Int32Array;
  /** The distinct original labels, sorted ascending; code `c` stands for `values[c]`. */
  readonly values: Float64Array;
}

/**
 * Validates a label vector (finite integers, any sign, any spacing, non-empty) and recodes it to
 * dense codes in sorted order of the values, as `numpy.unique(return_inverse=True)` does, so that
 * contingency tables come out in scikit-learn's row and column order.
 *
 * Labels that span a range at most a few times n use a direct lookup table; sparse labels
 * (e.g. hashes) fall back to a `Map`, so memory stays O(n) either way.
 */
export function encodeLabels(labels: ArrayLike<number>, argument: string): EncodedLabels {
  if (labels == null || typeof labels.length !== 'number') {
    throw new InvalidInputError({ argument, value: labels }, 'expected an array of integer labels');
  }
  const n = labels.length;
  if (n === 0) throw new InvalidInputError({ argument }, 'the labels are empty');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw new InvalidInputError({ argument, row: i, value: v }, 'labels must be safe integers');
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes = new Int32Array(n);
  const span = max - min + 1;
  if (span <= 4 * n + 64) {
    const lookup = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) lookup[labels[i] - min] = 0;
    let k = 0;
    for (let v = 0; v < span; v++) if (lookup[v] === 0) lookup[v] = k++;
    const values = new Float64Array(k);
    for (let v = 0; v < span; v++) if (lookup[v] >= 0) values[lookup[v]] = v + min;
    for (let i = 0; i < n; i++) codes[i] = lookup[labels[i] - min];
    return { codes, values };
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) seen.set(labels[i], 0);
  const values = Float64Array.from(seen.keys()).sort();
  for (let c = 0; c < values.length; c++) seen.set(values[c], c);
  for (let i = 0; i < n; i++) codes[i] = seen.get(labels[i])!;
  return { codes, values };
}

/** Checks that two label vectors have the same length (after each was validated). */
export function assertSameLength(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  argumentB: string,
  argumentA: string,
): void {
  if (a.length !== b.length) {
    throw new InvalidInputError(
      { argument: argumentB, value: b.length },
      `expected the same length as ${argumentA} (${a.length})`,
    );
  }
}
