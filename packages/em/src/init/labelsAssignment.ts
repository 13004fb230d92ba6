import { InvalidInputError } from '@mixkit/core';
import type { InitialAssignment } from './initialAssignment.js';

/**
 * One-hot initial responsibilities from hard labels in [0, k); -1 leaves a row out of the
 * initial M-step. Validated once, up front.
 */
export function labelsAssignment(
  labels: ArrayLike<number>,
  n: number,
  k: number,
  argument = 'init.labels',
): InitialAssignment {
  if (labels.length !== n) {
    throw new InvalidInputError(
      { argument, value: labels.length },
      `expected one label per row (${n})`,
    );
  }
  const copy = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < -1 || label >= k) {
      throw new InvalidInputError(
        { argument, row: i, value: label },
        `expected an integer in [-1, ${k})`,
      );
    }
    copy[i] = label;
  }
  return {
    kind: 'fill',
    fill(block, start, end) {
      block.fill(0, 0, (end - start) * k);
      for (let i = start; i < end; i++) {
        const label = copy[i];
        if (label >= 0) block[(i - start) * k + label] = 1;
      }
    },
  };
}
