import { readFileSync } from 'node:fs';
import { InvalidInputError, type Matrix } from '@mixkit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleKernels } from '../../scripts/assembleKernels.mjs';
import { randomMatrix, seeded } from '../../test/helpers.js';
import { expNonPositive } from '../expNonPositive.js';
import { setKernelCompilation } from '../kernelCompilation.js';
import { rowSquaredNorms, squaredDistances } from '../squaredDistances.js';
import { squaredMahalanobisDiagonal } from '../squaredMahalanobisDiagonal.js';
import { weightedMeanScatter } from '../weightedMoments.js';
import { distancesBinary } from './distancesBinary.js';
import { kernelsBinary } from './kernelsBinary.js';
import { nearestBinary } from './nearestBinary.js';
import { allocateKernelArrays, compiledKernelModules, wasmKernelsFor } from './wasmKernels.js';

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

const DIMENSIONS = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 64, 65, 70];

describe('kernelsBinary and distancesBinary', () => {
  it('each stay under 4 KiB, the most Chromium compiles synchronously on a page main thread', () => {
    expect(atob(kernelsBinary).length).toBeLessThan(4096);
    expect(atob(distancesBinary).length).toBeLessThan(4096);
  });

  it('nearestBinary is nearest.wat assembled, under 4 KiB', async () => {
    const wat = readFileSync(new URL('./nearest.wat', import.meta.url), 'utf8');
    expect(await assembleKernels(wat)).toBe(nearestBinary);
    expect(atob(nearestBinary).length).toBeLessThan(4096);
  });

  it('distancesBinary is distances.wat assembled', async () => {
    const wat = readFileSync(new URL('./distances.wat', import.meta.url), 'utf8');
    expect(await assembleKernels(wat)).toBe(distancesBinary);
  });

  it('is kernels.wat assembled (run `pnpm --filter @mixkit/linalg build:wasm` after editing)', async () => {
    const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    expect(await assembleKernels(wat)).toBe(kernelsBinary);
  });
});

describe('allocateKernelArrays', () => {
  it('returns zero-filled, 16-byte-aligned arrays of the given lengths in one memory', () => {
    const arrays = allocateKernelArrays([3, 0, 10]) as Float64Array[];
    expect(arrays.map((a) => a.length)).toEqual([3, 0, 10]);
    for (const a of arrays) {
      expect(a.buffer).toBe(arrays[0].buffer);
      expect(a.byteOffset % 16).toBe(0);
      expect(Array.from(a).every((v) => v === 0)).toBe(true);
    }
    // The arrays do not overlap.
    arrays[0].fill(1);
    expect(Array.from(arrays[2]).every((v) => v === 0)).toBe(true);
    expect(wasmKernelsFor(arrays[0], arrays[2])).toBeDefined();
  });

  it('gives each call its own memory, and ordinary arrays no kernels', () => {
    const [a] = allocateKernelArrays([4]) as Float64Array[];
    const [b] = allocateKernelArrays([4]) as Float64Array[];
    expect(a!.buffer).not.toBe(b!.buffer);
    expect(wasmKernelsFor(a!, b!)).toBeUndefined();
    expect(wasmKernelsFor(a!, new Float64Array(4))).toBeUndefined();
  });

  it('rejects lengths that are not non-negative integers with InvalidInputError', () => {
    expect(() => allocateKernelArrays([-1])).toThrow(InvalidInputError);
    expect(() => allocateKernelArrays([1.5])).toThrow(InvalidInputError);
    expect(() => allocateKernelArrays([Number.NaN])).toThrow(InvalidInputError);
  });

  it('returns undefined above 4 GiB and when kernel compilation is off', () => {
    expect(allocateKernelArrays([2 ** 29])).toBeUndefined();
    const [a] = allocateKernelArrays([4]) as Float64Array[];
    setKernelCompilation(false);
    expect(allocateKernelArrays([4])).toBeUndefined();
    expect(wasmKernelsFor(a!, a!)).toBeUndefined();
  });
});

describe('squaredMahalanobisDiagonal in kernel memory', () => {
  it('gives the same bits as the JavaScript loops, for every d and remainder, with strides', () => {
    for (const d of DIMENSIONS) {
      const random = seeded(d);
      const X = randomMatrix(random, 23, d, 2, d % 2 === 0 ? 0 : 1e3);
      const mean = Float64Array.from({ length: d }, () => random.normal());
      const precisions = Float64Array.from({ length: d }, () => 0.1 + random.uniform());
      const kernel = inKernelMemory(X, 3 * 23);
      kernel.extra.fill(-7);
      squaredMahalanobisDiagonal(kernel.X, 2, 21, mean, precisions, kernel.extra, 1, 3, -0.5, 4);
      const unrolled = new Float64Array(3 * 23).fill(-7);
      squaredMahalanobisDiagonal(X, 2, 21, mean, precisions, unrolled, 1, 3, -0.5, 4);
      setKernelCompilation(false);
      const generic = new Float64Array(3 * 23).fill(-7);
      squaredMahalanobisDiagonal(X, 2, 21, mean, precisions, generic, 1, 3, -0.5, 4);
      setKernelCompilation(true);
      expect(Array.from(kernel.extra)).toEqual(Array.from(unrolled));
      expect(Array.from(generic)).toEqual(Array.from(unrolled));
      // And the value is the distance: a plain sum agrees to rounding.
      for (let i = 2; i < 21; i++) {
        let distance = 0;
        for (let j = 0; j < d; j++) distance += (X.data[i * d + j] - mean[j]) ** 2 * precisions[j];
        expect(unrolled[1 + (i - 2) * 3]).toBeCloseTo(4 - 0.5 * distance, 6);
      }
      expect(unrolled[0]).toBe(-7);
      expect(unrolled[2]).toBe(-7);
    }
  });
});

describe('expNonPositive in WebAssembly', () => {
  it('gives the same bits as expNonPositive.ts, on and off its table range', () => {
    const [a] = allocateKernelArrays([2]) as Float64Array[];
    const wasm = wasmKernelsFor(a!, a!)!;
    const random = seeded(9);
    const xs = [0, -0, -1e-300, -708, -708.0000001, -745, -800, 1, Number.NEGATIVE_INFINITY];
    for (let i = 0; i < 20_000; i++) xs.push(-60 * random.uniform(), -720 * random.uniform() ** 4);
    for (const x of xs)
      expect(Object.is(wasm.exports.expNonPositive(x), expNonPositive(x))).toBe(true);
    expect(wasm.exports.expNonPositive(Number.NaN)).toBeNaN();
  });
});

describe('squaredDistances in kernel memory', () => {
  it('gives the same bits as the JavaScript kernel for every tile remainder', () => {
    for (const d of [1, 2, 3, 8, 17, 32, 70]) {
      for (const k of [1, 2, 3, 7, 8, 9, 17, 64]) {
        const random = seeded(1000 * d + k);
        const X = randomMatrix(random, 23, d, 3, d === 17 ? 100 : 0);
        const C = randomMatrix(random, k, d, 3);
        if (k === 9) X.data[5 * d] = Number.NaN;
        const rows = 23 - 4;
        const kernel = inKernelMemory(X, rows * k);
        kernel.extra.fill(-1);
        squaredDistances(kernel.X, 3, 22, C, kernel.extra);
        const plain = squaredDistances(X, 3, 22, C, new Float64Array(rows * k));
        expect(Array.from(kernel.extra)).toEqual(Array.from(plain));
        // With given norms too (indexed by absolute row).
        const xNorms = rowSquaredNorms(X);
        squaredDistances(kernel.X, 3, 22, C, kernel.extra, xNorms, rowSquaredNorms(C));
        expect(Array.from(kernel.extra)).toEqual(Array.from(plain));
      }
    }
  });

  it('takes many rows in several calls (the row norms go through the scratch in pieces)', () => {
    const random = seeded(4);
    const X = randomMatrix(random, 7001, 2);
    const C = randomMatrix(random, 3, 2);
    const kernel = inKernelMemory(X, 7001 * 3);
    squaredDistances(kernel.X, 0, 7001, C, kernel.extra);
    expect(Array.from(kernel.extra)).toEqual(Array.from(squaredDistances(X, 0, 7001, C)));
  });

  it('falls back to the JavaScript kernel when the centres do not fit in the scratch', () => {
    const random = seeded(3);
    // 200 x 700 centres: 140,000 doubles, more than the 1 MiB dense scratch holds.
    const X = randomMatrix(random, 5, 700);
    const C = randomMatrix(random, 200, 700);
    const kernel = inKernelMemory(X, 5 * 200);
    squaredDistances(kernel.X, 0, 5, C, kernel.extra);
    expect(Array.from(kernel.extra)).toEqual(Array.from(squaredDistances(X, 0, 5, C)));
  });
});

describe('squaredMahalanobisDiagonal nanValue', () => {
  it('replaces NaN results (from NaN data) on every path, and keeps NaN by default', () => {
    for (const d of [3, 16, 70]) {
      const X = randomMatrix(seeded(d), 4, d);
      X.data[2 * d + 1] = Number.NaN;
      const mean = new Float64Array(d);
      const precisions = new Float64Array(d).fill(1);
      const kernel = inKernelMemory(X, 4);
      const paths = [
        (nan?: number) =>
          squaredMahalanobisDiagonal(
            kernel.X,
            0,
            4,
            mean,
            precisions,
            kernel.extra,
            0,
            1,
            -0.5,
            1,
            nan,
          ),
        (nan?: number) =>
          squaredMahalanobisDiagonal(
            X,
            0,
            4,
            mean,
            precisions,
            new Float64Array(4),
            0,
            1,
            -0.5,
            1,
            nan,
          ),
      ];
      for (const path of paths) {
        const mapped = Array.from(path(Number.NEGATIVE_INFINITY));
        expect(mapped[2]).toBe(Number.NEGATIVE_INFINITY);
        expect(mapped.filter(Number.isFinite)).toHaveLength(3);
        expect(path()[2]).toBeNaN();
      }
    }
  });
});

describe('weightedMeanScatter (diagonal) in kernel memory', () => {
  it('gives the same bits as the JavaScript loops, skipping zero weights, for every d', () => {
    for (const d of DIMENSIONS) {
      // 7000 rows take several kernel calls (the row list holds about 3400).
      for (const rows of d <= 5 ? [1, 31, 33, 100, 7000] : [1, 31, 32, 33, 100]) {
        const random = seeded(100 * d + rows);
        const X = randomMatrix(random, rows, d, 3, 1e6);
        const kernel = inKernelMemory(X, 5 * rows);
        // A responsibility-like strided column: most weights exactly 0, a few -0.
        for (let i = 0; i < kernel.extra.length; i++) {
          const u = random.uniform();
          kernel.extra[i] = u < 0.6 ? 0 : u < 0.65 ? -0 : random.uniform();
        }
        const weights = Float64Array.from(kernel.extra);
        const results = [kernel.X, X].map((data, path) => {
          const mean = new Float64Array(d);
          const scatter = new Float64Array(d);
          const w = path === 0 ? kernel.extra : weights;
          const total = weightedMeanScatter(data, 0, rows, w, 2, 5, mean, scatter, 'diagonal');
          return [total, ...mean, ...scatter];
        });
        expect(results[0]).toEqual(results[1]);
      }
    }
  });

  it('returns 0 and zeroes for all-zero weights, as the JavaScript loop does', () => {
    const X = randomMatrix(seeded(5), 40, 6);
    const kernel = inKernelMemory(X, 40);
    const mean = new Float64Array(6).fill(9);
    const scatter = new Float64Array(6).fill(9);
    expect(
      weightedMeanScatter(kernel.X, 0, 40, kernel.extra, 0, 1, mean, scatter, 'diagonal'),
    ).toBe(0);
    expect([...mean, ...scatter].every((v) => v === 0)).toBe(true);
  });
});

describe('compiledKernelModules and adoptKernelModules (a pool compiles once for its workers)', () => {
  /** A new instance of this module, as a worker thread has: nothing compiled yet. */
  async function freshInstance(): Promise<typeof import('./wasmKernels.js')> {
    vi.resetModules();
    return await import('./wasmKernels.js');
  }

  it('a thread that adopts the modules uses them, and its kernels give the same bits', async () => {
    const compiledHere = compiledKernelModules();
    expect(compiledHere?.modules).toHaveLength(6);
    const worker = await freshInstance();
    worker.adoptKernelModules(compiledHere!);
    expect(worker.compiledKernelModules()?.modules).toBe(compiledHere?.modules);
    const [x] = worker.allocateKernelArrays([8]) ?? [];
    expect(x).toBeInstanceOf(Float64Array);
    expect(worker.wasmKernelsFor(x!, x!)).toBeDefined();
  });

  it('modules of other binaries (another key) are not adopted; nor after compiling', async () => {
    const compiledHere = compiledKernelModules()!;
    const worker = await freshInstance();
    worker.adoptKernelModules({ key: 'another build', modules: compiledHere.modules });
    expect(worker.compiledKernelModules()?.modules).not.toBe(compiledHere.modules);
    const own = worker.compiledKernelModules()?.modules;
    worker.adoptKernelModules(compiledHere);
    expect(worker.compiledKernelModules()?.modules).toBe(own);
  });
});
