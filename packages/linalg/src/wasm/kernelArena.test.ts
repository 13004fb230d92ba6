import { InvalidInputError } from '@mixkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelCompilation } from '../kernelCompilation.js';
import { KernelArena } from './kernelArena.js';
import { wasmKernelsFor } from './wasmKernels.js';

afterEach(() => {
  setKernelCompilation(true);
});

describe('KernelArena', () => {
  it('hands out zero-filled, 16-byte aligned arrays of one kernel memory, in turn, until full', () => {
    const arena = KernelArena.allocate([3, 5, 4]);
    if (arena === undefined) throw new Error('expected kernel memory');
    const first = arena.take([3]);
    const rest = arena.take([5, 4]);
    if (first === undefined || rest === undefined) throw new Error('expected room');
    const arrays = [...first, ...rest];
    expect(arrays.map((a) => a.length)).toEqual([3, 5, 4]);
    for (const array of arrays) {
      expect(array.buffer).toBe(arrays[0].buffer);
      expect(array.byteOffset % 16).toBe(0);
      expect(Array.from(array).every((v) => v === 0)).toBe(true);
    }
    // No overlap: each array's writes stay its own.
    arrays.forEach((array, a) => {
      array.fill(a + 1);
    });
    arrays.forEach((array, a) => {
      expect(Array.from(array).every((v) => v === a + 1)).toBe(true);
    });
    // The kernels are found from any two of its arrays.
    expect(wasmKernelsFor(arrays[0], arrays[2])).toBeDefined();
    expect(arena.take([1])).toBeUndefined();
  });

  it('takes nothing when a request does not fit whole', () => {
    const arena = KernelArena.allocate([4, 4]);
    if (arena === undefined) throw new Error('expected kernel memory');
    expect(arena.take([4, 4, 2])).toBeUndefined();
    expect(arena.take([4, 4])?.map((a) => a.length)).toEqual([4, 4]);
  });

  it('is undefined without kernel memory, and rejects lengths that are not whole numbers', () => {
    expect(() => KernelArena.allocate([1.5])).toThrow(InvalidInputError);
    setKernelCompilation(false);
    expect(KernelArena.allocate([8])).toBeUndefined();
  });
});
