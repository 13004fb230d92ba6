import { describe, expect, it } from 'vitest';
import { allocateKernelArrays } from '../wasm/wasmKernels.js';
import { kernelScratchBeside } from './kernelScratchBeside.js';
import { prepareData } from './prepareData.js';
import { releaseKernelArrays } from './releaseKernelArrays.js';

describe('releaseKernelArrays', () => {
  it('lets the next allocation reuse the memory, zero-filled except the arrays it overwrites', () => {
    const arrays = allocateKernelArrays([4000, 300]);
    if (arrays === undefined) return; // no WebAssembly SIMD here: nothing to reuse
    const [data, block] = arrays;
    data.fill(7);
    block.fill(9);
    releaseKernelArrays(data, { hold: true });
    const again = allocateKernelArrays([3000, 200, 50], 1);
    expect(again?.[0].buffer).toBe(data.buffer);
    // The overwritten array keeps old values; every other one is zero-filled.
    expect(again?.[0][0]).toBe(7);
    expect(again?.[1].every((v) => v === 0)).toBe(true);
    expect(again?.[2].every((v) => v === 0)).toBe(true);
    // Taken: a third allocation gets a new memory.
    expect(allocateKernelArrays([10])?.[0].buffer).not.toBe(data.buffer);
  });

  it('keeps the larger memory, and never one too small for the request', () => {
    const small = allocateKernelArrays([1000]);
    const large = allocateKernelArrays([100_000]);
    if (small === undefined || large === undefined) return;
    releaseKernelArrays(large[0], { hold: true });
    releaseKernelArrays(small[0], { hold: true });
    expect(allocateKernelArrays([200_000])?.[0].buffer).not.toBe(large[0].buffer);
    expect(allocateKernelArrays([50_000])?.[0].buffer).toBe(large[0].buffer);
  });

  it("forgets prepared data's scratch reserve, which a later user of the memory may overwrite", () => {
    const X = { rows: 100, cols: 4, data: Float64Array.from({ length: 400 }, (_, i) => i) };
    const prepared = prepareData(X);
    if (kernelScratchBeside(prepared.data, 10) === undefined) return; // not in kernel memory
    releaseKernelArrays(prepared.data, { hold: true });
    expect(kernelScratchBeside(prepared.data, 10)).toBeUndefined();
  });

  it('ignores arrays outside kernel memory', () => {
    expect(() => releaseKernelArrays(new Float64Array(10))).not.toThrow();
  });
});
