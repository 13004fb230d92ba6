import { readFileSync } from 'node:fs';
import type { Matrix } from '@mixkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleKernels } from '../../scripts/assembleKernels.mjs';
import { randomMatrix, randomSpd, seeded } from '../../test/helpers.js';
import { cholesky } from '../cholesky.js';
import { invertLowerTriangular } from '../invertLowerTriangular.js';
import { setKernelCompilation } from '../kernelCompilation.js';
import { squaredMahalanobis } from '../squaredMahalanobis.js';
import { weightedMeanScatter } from '../weightedMoments.js';
import { denseBinary } from './denseBinary.js';
import { allocateKernelArrays } from './wasmKernels.js';

afterEach(() => {
  setKernelCompilation(true);
});

/** X's rows copied into kernel memory, with `extra` more kernel doubles for outputs/weights. */
function inKernelMemory(X: Matrix, extra: number): { X: Matrix; extra: Float64Array } {
  const arrays = allocateKernelArrays([X.data.length, extra]);
  if (arrays === undefined) throw new Error('WebAssembly SIMD is expected in Node 20');
  const [data, more] = arrays as [Float64Array, Float64Array];
  data.set(X.data);
  return { X: { rows: X.rows, cols: X.cols, data }, extra: more };
}

/** The precision Cholesky factor U = L⁻ᵀ of a random SPD matrix (upper triangular, d x d). */
function precisionFactor(d: number, seed: number): Float64Array {
  const factor = cholesky(d, randomSpd(seeded(seed), d, 50));
  if (!factor.ok) throw new Error('not positive definite');
  const Linv = invertLowerTriangular(d, factor.factor);
  const U = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) U[a * d + b] = Linv[b * d + a];
  return U;
}

/** The three routes of a kernel: WebAssembly, unrolled JavaScript, generic JavaScript. */
function threeRoutes(run: (kernelMemory: boolean) => number[]): number[][] {
  const wasm = run(true);
  const unrolled = run(false);
  setKernelCompilation(false);
  const generic = run(false);
  setKernelCompilation(true);
  return [wasm, unrolled, generic];
}

/** Bit patterns, so that -0 and NaN compare exactly. */
function bits(values: readonly number[]): string[] {
  const view = new DataView(new ArrayBuffer(8));
  return values.map((v) => {
    view.setFloat64(0, v);
    return Number.isNaN(v) ? 'NaN' : view.getBigUint64(0).toString(16);
  });
}

const DIMENSIONS = [4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 48, 64, 65, 100, 128];

describe('denseBinary', () => {
  it('is dense.wat assembled and stays under 4 KiB (run `build:wasm` after editing)', async () => {
    const wat = readFileSync(new URL('./dense.wat', import.meta.url), 'utf8');
    expect(await assembleKernels(wat)).toBe(denseBinary);
    expect(atob(denseBinary).length).toBeLessThan(4096);
  });
});

describe('squaredMahalanobis (full factor) in kernel memory', () => {
  it('gives the same bits as the unrolled and generic JavaScript loops, for every d and row remainder', () => {
    for (const d of DIMENSIONS) {
      const U = precisionFactor(d, d);
      // Garbage below the diagonal must be ignored by every route.
      for (let a = 1; a < d; a++) U[a * d] = 1e300;
      const random = seeded(7 * d);
      const X = randomMatrix(random, 27, d, 2, d % 3 === 0 ? 1e3 : 0);
      const mean = Float64Array.from({ length: d }, () => random.normal());
      for (const [start, end] of [
        [2, 21],
        [0, 27],
        [5, 6],
        [3, 10],
      ] as const) {
        const rows = end - start;
        const kernel = inKernelMemory(X, 3 * 28);
        const routes = threeRoutes((kernelMemory) => {
          const out = kernelMemory ? kernel.extra : new Float64Array(3 * 28);
          out.fill(-7);
          squaredMahalanobis(kernelMemory ? kernel.X : X, start, end, mean, U, out, 1, 3, -0.5, 4);
          return Array.from(out);
        });
        expect(bits(routes[0])).toEqual(bits(routes[1]));
        expect(bits(routes[2])).toEqual(bits(routes[1]));
        const out = routes[0];
        // Written only at its offset and stride, and the value is the distance.
        expect(out[0]).toBe(-7);
        expect(out[2]).toBe(-7);
        expect(out[1 + rows * 3]).toBe(-7);
        for (let r = 0; r < rows; r++) {
          let distance = 0;
          for (let j = 0; j < d; j++) {
            let y = 0;
            for (let k = 0; k <= j; k++) {
              y += (X.data[(start + r) * d + k] - mean[k]) * U[k * d + j];
            }
            distance += y * y;
          }
          expect(Math.abs(out[1 + r * 3] - (4 - 0.5 * distance))).toBeLessThan(
            1e-12 * (1 + distance),
          );
        }
      }
    }
  });

  it('gives the same bits on every route when a row holds an infinity or a NaN', () => {
    for (const d of [4, 5, 9, 33]) {
      const U = precisionFactor(d, d + 1);
      const X = randomMatrix(seeded(d), 8, d);
      X.data[1 * d + d - 1] = Number.POSITIVE_INFINITY;
      X.data[2 * d] = Number.NEGATIVE_INFINITY;
      X.data[5 * d + 1] = Number.NaN;
      const mean = new Float64Array(d);
      const kernel = inKernelMemory(X, 8);
      const routes = threeRoutes((kernelMemory) => {
        const out = kernelMemory ? kernel.extra : new Float64Array(8);
        squaredMahalanobis(kernelMemory ? kernel.X : X, 0, 8, mean, U, out);
        return Array.from(out);
      });
      expect(bits(routes[0])).toEqual(bits(routes[1]));
      expect(bits(routes[2])).toEqual(bits(routes[1]));
      expect(routes[0][1]).toBe(Number.POSITIVE_INFINITY);
      expect(routes[0][5]).toBeNaN();
    }
  });

  it('writes nanValue for a NaN row on every route (d = 2 and 3 included), and nothing else changes', () => {
    for (const d of [2, 3, 4, 9, 33]) {
      const U = precisionFactor(d, d + 2);
      const X = randomMatrix(seeded(d + 50), 8, d);
      X.data[5 * d + 1] = Number.NaN;
      const mean = new Float64Array(d);
      const kernel = inKernelMemory(X, 16);
      const run = (nanValue: number | undefined) =>
        threeRoutes((kernelMemory) => {
          const out = kernelMemory ? kernel.extra : new Float64Array(16);
          out.fill(3);
          const XX = kernelMemory ? kernel.X : X;
          if (nanValue === undefined) squaredMahalanobis(XX, 0, 8, mean, U, out, 0, 2, -0.5, 1);
          else squaredMahalanobis(XX, 0, 8, mean, U, out, 0, 2, -0.5, 1, nanValue);
          return Array.from(out);
        });
      const plain = run(undefined);
      const mapped = run(Number.NEGATIVE_INFINITY);
      for (const routes of [plain, mapped]) {
        expect(bits(routes[0])).toEqual(bits(routes[1]));
        expect(bits(routes[2])).toEqual(bits(routes[1]));
      }
      expect(plain[0][10]).toBeNaN();
      expect(mapped[0][10]).toBe(Number.NEGATIVE_INFINITY);
      const others = (out: number[]) => out.filter((_, i) => i !== 10);
      expect(bits(others(mapped[0]))).toEqual(bits(others(plain[0])));
    }
  });
});

describe('weightedMeanScatter (full) in kernel memory', () => {
  it('gives the same bits as the JavaScript loops, skipping zero weights, for every d', () => {
    for (const d of DIMENSIONS) {
      // 1000 rows at d = 128 fill several panels of packed pairs.
      for (const rows of [1, 2, 3, 31, 64, d >= 64 ? 1000 : 333]) {
        const random = seeded(100 * d + rows);
        const X = randomMatrix(random, rows, d, 3, 1e6);
        const kernel = inKernelMemory(X, 5 * rows);
        // A responsibility-like strided column: many weights exactly 0, a few -0.
        for (let i = 0; i < kernel.extra.length; i++) {
          const u = random.uniform();
          kernel.extra[i] = u < 0.4 ? 0 : u < 0.45 ? -0 : random.uniform();
        }
        if (rows === 1) kernel.extra[2] = 0.5;
        const weights = Float64Array.from(kernel.extra);
        const routes = threeRoutes((kernelMemory) => {
          const mean = new Float64Array(d);
          const scatter = new Float64Array(d * d);
          const total = weightedMeanScatter(
            kernelMemory ? kernel.X : X,
            0,
            rows,
            kernelMemory ? kernel.extra : weights,
            2,
            5,
            mean,
            scatter,
            'full',
          );
          return [total, ...mean, ...scatter];
        });
        expect(bits(routes[0])).toEqual(bits(routes[1]));
        expect(bits(routes[2])).toEqual(bits(routes[1]));
      }
    }
  });

  it('returns 0 and zeroes for all-zero weights, as the JavaScript loop does', () => {
    const X = randomMatrix(seeded(5), 40, 6);
    const kernel = inKernelMemory(X, 40);
    const mean = new Float64Array(6).fill(9);
    const scatter = new Float64Array(36).fill(9);
    expect(weightedMeanScatter(kernel.X, 0, 40, kernel.extra, 0, 1, mean, scatter, 'full')).toBe(0);
    expect([...mean, ...scatter].every((v) => v === 0)).toBe(true);
  });
});
