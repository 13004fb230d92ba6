import { createRandom, type Matrix, type RandomSource } from '@mixkit/core';
import { Matrix as MlMatrix, QrDecomposition } from 'ml-matrix';
import { afterAll, beforeAll } from 'vitest';
import { setKernelCompilation } from '../src/kernelCompilation.js';

/** A seeded source, so every random test is reproducible. */
export function seeded(seed: number): RandomSource {
  return createRandom(seed);
}

/** An n x d matrix of standard normal entries (times `scale`, plus `offset`). */
export function randomMatrix(
  random: RandomSource,
  rows: number,
  cols: number,
  scale = 1,
  offset = 0,
): Matrix {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = offset + scale * random.normal();
  return { rows, cols, data };
}

/**
 * A random symmetric positive-definite d x d matrix Q·diag(λ)·Qᵀ whose eigenvalues are spread
 * log-uniformly over [1, condition], so `condition` is its 2-norm condition number.
 */
export function randomSpd(random: RandomSource, d: number, condition = 10): Float64Array {
  const G = new MlMatrix(d, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) G.set(i, j, random.normal());
  const Q = new QrDecomposition(G).orthogonalMatrix;
  const A = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const lambda = d === 1 ? 1 : condition ** (k / (d - 1));
    for (let i = 0; i < d; i++) {
      const qik = Q.get(i, k) * lambda;
      for (let j = 0; j < d; j++) A[i * d + j] += qik * Q.get(j, k);
    }
  }
  // Symmetrise exactly.
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) A[j * d + i] = A[i * d + j];
  return A;
}

/** An ml-matrix copy of a flat row-major d1 x d2 array. */
export function ml(rows: number, cols: number, data: ArrayLike<number>): MlMatrix {
  const m = new MlMatrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
  return m;
}

/** Flattens an ml-matrix matrix row-major. */
export function flat(m: MlMatrix): Float64Array {
  return Float64Array.from(m.to1DArray());
}

/** Largest |a_i − b_i| relative to max(1, max |b_i|). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} !== ${b.length}`);
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst / scale;
}

/** Sizes 1..64 used by the reference tests. */
export const SIZES = [1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 32, 33, 64] as const;

/** Both kernel paths: specialised at run time (`new Function`) and the generic loops. */
export const KERNEL_PATHS = [
  ['specialised kernels', true],
  ['generic loops', false],
] as const;

/** Inside a describe: run its tests with kernel compilation on or off, restored afterwards. */
export function useKernelCompilation(enabled: boolean): void {
  let previous = true;
  beforeAll(() => {
    previous = setKernelCompilation(enabled);
  });
  afterAll(() => {
    setKernelCompilation(previous);
  });
}
