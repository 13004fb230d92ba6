import { type AnyComponentFamily, createMatrix, type Matrix } from '@mixkit/core';
import { expect } from 'vitest';

/** A Matrix from rows of numbers (test convenience). */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  return createMatrix(rows.length, cols, Float64Array.from(rows.flat()));
}

/** Log-densities of every row. */
export function logDensities(family: AnyComponentFamily, params: unknown, X: Matrix): number[] {
  return Array.from(family.logDensity(params, X, 0, X.rows, new Float64Array(X.rows), 0, 1));
}

/** Parameters estimated from `X` with unit (or given) weights. */
export function estimateFrom<P>(
  family: AnyComponentFamily,
  X: Matrix,
  weights?: ArrayLike<number>,
): P {
  const w = weights === undefined ? new Float64Array(X.rows).fill(1) : Float64Array.from(weights);
  const stats = family.accumulate(family.createStats(X.cols), X, 0, X.rows, w, 0, 1);
  return family.estimate(stats) as P;
}

/** Calls `action` and returns what it threw (fails the test when nothing is thrown). */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an exception');
}

/** 0, 1, ..., n − 1. */
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Every entry of `actual` is within 10^-digits / 2 of `expected` (vitest's toBeCloseTo). */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  digits: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i], digits);
}
