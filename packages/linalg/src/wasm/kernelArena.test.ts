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

  it('gives a released memory to the next arena that fits in it, its arrays zero-filled again', () => {
    const first = KernelArena.allocate([6, 4]);
    const taken = first?.take([6, 4]);
    if (first === undefined || taken === undefined) throw new Error('expected kernel memory');
    for (const array of taken) array.fill(7);
    first.release();
    first.release();
    // A released arena takes nothing more.
    expect(first.take([0])).toBeUndefined();
    const second = KernelArena.allocate([5, 4]);
    const again = second?.take([5, 4]);
    if (again === undefined) throw new Error('expected room');
    expect(again[0].buffer).toBe(taken[0].buffer);
    for (const array of again) expect(Array.from(array).every((v) => v === 0)).toBe(true);
    // It has room for what it was asked for, not for all of the memory.
    expect(second?.take([1])).toBeUndefined();
    expect(wasmKernelsFor(again[0], again[1])).toBeDefined();
    // The memory is the new arena's alone until it is released in turn: a third arena gets
    // memory of its own, and so does one too large for the released memory.
    const third = KernelArena.allocate([2]);
    expect(third?.take([2])?.[0].buffer).not.toBe(taken[0].buffer);
    second?.release();
    // The whole memory goes on, not only the part the smaller arena used.
    const same = KernelArena.allocate([10]);
    expect(same?.take([10])?.[0].buffer).toBe(taken[0].buffer);
    same?.release();
    const larger = KernelArena.allocate([1 << 20]);
    expect(larger?.take([1 << 20])?.[0].buffer).not.toBe(taken[0].buffer);
  });

  it('does not hand a released memory out once kernels are turned off', () => {
    KernelArena.allocate([4])?.release();
    setKernelCompilation(false);
    expect(KernelArena.allocate([4])).toBeUndefined();
  });
});
