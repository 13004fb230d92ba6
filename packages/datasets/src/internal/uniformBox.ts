import { createMatrix, InvalidInputError, type Matrix, type RandomSource } from '@mixkit/core';

/** Validates a `[low, high]` box (finite, low < high). */
export function assertBox(box: readonly [number, number], argument: string): void {
  const [low, high] = box;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new InvalidInputError(
      { argument, value: `[${low}, ${high}]` },
      'expected finite bounds [low, high] with low < high',
    );
  }
}

/** k x d points drawn uniformly in the box [low, high)^d, row by row. */
export function uniformBox(
  k: number,
  d: number,
  box: readonly [number, number],
  random: RandomSource,
): Matrix {
  const [low, high] = box;
  const out = createMatrix(k, d);
  for (let idx = 0; idx < k * d; idx++) out.data[idx] = low + (high - low) * random.uniform();
  return out;
}
