import type { Matrix } from '@mixkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomMatrix, seeded } from '../test/helpers.js';
import { compileKernel, setKernelCompilation } from './kernelCompilation.js';
import { squaredMahalanobis } from './squaredMahalanobis.js';
import { squaredMahalanobisDiagonal } from './squaredMahalanobisDiagonal.js';
import { type ScatterMode, weightedMeanScatter } from './weightedMoments.js';

afterEach(() => {
  vi.unstubAllGlobals();
  setKernelCompilation(true);
});

/** A random upper-triangular factor with a positive diagonal (garbage below it). */
function upperFactor(d: number, seed: number): Float64Array {
  const random = seeded(seed);
  const U = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      U[a * d + b] = b === a ? 1 + Math.abs(random.normal()) : b > a ? random.normal() : 1e300;
    }
  }
  return U;
}

function mahalanobisRows(X: Matrix, d: number, seed: number): Float64Array {
  const mean = Float64Array.from(randomMatrix(seeded(seed + 1), 1, d).data);
  // Rows [1, rows − 2) of a strided output: odd row counts exercise every remainder loop.
  const out = new Float64Array(3 * X.rows).fill(-1);
  return squaredMahalanobis(X, 1, X.rows - 2, mean, upperFactor(d, seed), out, 2, 3);
}

function moments(X: Matrix, mode: ScatterMode, seed: number): number[] {
  const d = X.cols;
  const random = seeded(seed);
  // A responsibility-like strided column: about half the weights exactly 0.
  const weights = Float64Array.from({ length: 3 * X.rows }, () =>
    random.uniform() < 0.5 ? 0 : random.uniform(),
  );
  const mean = new Float64Array(d);
  const scatter = new Float64Array(mode === 'full' ? d * d : d);
  const total = weightedMeanScatter(X, 1, X.rows, weights, 1, 3, mean, scatter, mode);
  return [total, ...mean, ...scatter];
}

describe('setKernelCompilation', () => {
  it('weightedMeanScatter gives bit-identical results on both paths (full and diagonal)', () => {
    for (const d of [1, 2, 3, 4, 10, 16, 24, 25, 64, 65]) {
      for (const mode of ['full', 'diagonal'] as const) {
        for (const offset of [0, 1e6]) {
          const X = randomMatrix(seeded(d), 19, d, 1, offset);
          const compiled = moments(X, mode, d);
          setKernelCompilation(false);
          const generic = moments(X, mode, d);
          setKernelCompilation(true);
          expect(compiled).toEqual(generic);
          expect(compiled.every(Number.isFinite)).toBe(true);
        }
      }
    }
  });

  it('specialised and generic kernels give bit-identical results for every d', () => {
    for (const d of [4, 5, 7, 8, 9, 10, 16, 17, 31, 32, 33]) {
      const X = randomMatrix(seeded(d), 14, d, 3, 2);
      const compiled = mahalanobisRows(X, d, d);
      expect(setKernelCompilation(false)).toBe(true);
      const generic = mahalanobisRows(X, d, d);
      expect(setKernelCompilation(true)).toBe(false);
      expect(Array.from(compiled)).toEqual(Array.from(generic));
      const written = (i: number) => i >= 2 && (i - 2) % 3 === 0 && (i - 2) / 3 < X.rows - 3;
      expect(compiled.every((v, i) => (written(i) ? v >= 0 : v === -1))).toBe(true);
    }
  });

  it('squaredMahalanobisDiagonal gives bit-identical results on both paths', () => {
    for (const d of [1, 2, 5, 16, 64, 65]) {
      const X = randomMatrix(seeded(d), 15, d, 2, 3);
      const mean = Float64Array.from(randomMatrix(seeded(d + 1), 1, d, 1, 3).data);
      const precisions = Float64Array.from(randomMatrix(seeded(d + 2), 1, d).data, Math.exp);
      const run = () =>
        Array.from(squaredMahalanobisDiagonal(X, 1, 14, mean, precisions, new Float64Array(13)));
      const compiled = run();
      setKernelCompilation(false);
      const generic = run();
      setKernelCompilation(true);
      expect(compiled).toEqual(generic);
    }
  });

  it('scale and shift give exactly shift + scale · distance on both paths', () => {
    for (const compile of [true, false]) {
      setKernelCompilation(compile);
      for (const d of [1, 2, 3, 4, 9, 40]) {
        const X = randomMatrix(seeded(d), 9, d);
        const mean = new Float64Array(d).fill(0.25);
        const U = upperFactor(d, d);
        const precisions = new Float64Array(d).fill(3);
        const plain = squaredMahalanobis(X, 0, 9, mean, U, new Float64Array(9));
        const mapped = squaredMahalanobis(X, 0, 9, mean, U, new Float64Array(9), 0, 1, -0.5, 7);
        const plainDiagonal = squaredMahalanobisDiagonal(
          X,
          0,
          9,
          mean,
          precisions,
          new Float64Array(9),
        );
        const mappedDiagonal = squaredMahalanobisDiagonal(
          X,
          0,
          9,
          mean,
          precisions,
          new Float64Array(9),
          0,
          1,
          -0.5,
          7,
        );
        for (let i = 0; i < 9; i++) {
          expect(mapped[i]).toBe(7 - 0.5 * plain[i]);
          expect(mappedDiagonal[i]).toBe(7 - 0.5 * plainDiagonal[i]);
        }
      }
    }
  });

  it('falls back to the generic loops when the environment refuses new Function (strict CSP)', () => {
    const X = randomMatrix(seeded(1), 11, 6);
    setKernelCompilation(false);
    const expected = mahalanobisRows(X, 6, 5);
    setKernelCompilation(true);
    const refuse = vi.fn(function refuseEval() {
      throw new EvalError('Refused to evaluate a string as JavaScript (unsafe-eval)');
    });
    vi.stubGlobal('Function', refuse);
    expect(Array.from(mahalanobisRows(X, 6, 5))).toEqual(Array.from(expected));
    expect(Array.from(mahalanobisRows(X, 6, 5))).toEqual(Array.from(expected));
    // The refusal is remembered: one attempt, not one per call.
    expect(refuse).toHaveBeenCalledTimes(1);
  });

  it('compileKernel caches by key and returns undefined when turned off', () => {
    const source = vi.fn(() => 'return a + 1;');
    const first = compileKernel<(a: number) => number>('test:add-one', ['a'], source);
    expect(first?.(2)).toBe(3);
    expect(compileKernel('test:add-one', ['a'], source)).toBe(first);
    expect(source).toHaveBeenCalledTimes(1);
    setKernelCompilation(false);
    expect(compileKernel('test:add-one', ['a'], source)).toBeUndefined();
  });
});
