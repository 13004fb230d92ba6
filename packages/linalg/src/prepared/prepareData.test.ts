import { DisposedDataError, InvalidInputError, isPreparedData, toMatrix } from '@mixkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { setKernelCompilation } from '../kernelCompilation.js';
import { squaredMahalanobisDiagonal } from '../squaredMahalanobisDiagonal.js';
import { allocateKernelArrays } from '../wasm/wasmKernels.js';
import { kernelScratchBeside } from './kernelScratchBeside.js';
import { PREPARED_SCRATCH_VALUES, prepareData } from './prepareData.js';

afterEach(() => setKernelCompilation(true));

const rows = [
  [1, -2, 3],
  [4, 5, -6],
  [-7, 8, 9],
];

describe('prepareData', () => {
  it('copies rows into kernel memory with each column range, and passes toMatrix as it is', () => {
    const prepared = prepareData(rows);
    expect(isPreparedData(prepared)).toBe(true);
    expect(prepared.inKernelMemory).toBe(true);
    expect(Array.from(prepared.data)).toEqual(rows.flat());
    expect(Array.from(prepared.columnMin)).toEqual([-7, -2, -6]);
    expect(Array.from(prepared.columnMax)).toEqual([4, 8, 9]);
    expect(toMatrix(prepared, { cols: 3 })).toBe(prepared);
  });

  it('reserves scratch beside the rows that the SIMD kernels accept as an output', () => {
    const prepared = prepareData(rows);
    const out = kernelScratchBeside(prepared.data, 3);
    expect(out).toBeDefined();
    expect(out?.buffer).toBe(prepared.data.buffer);
    expect(kernelScratchBeside(prepared.data, PREPARED_SCRATCH_VALUES + 1)).toBeUndefined();
    expect(kernelScratchBeside(Float64Array.from(rows.flat()), 3)).toBeUndefined();
    // Not prepared: memory from allocateKernelArrays has no reserve.
    const [plain] = allocateKernelArrays([9]) ?? [];
    if (plain !== undefined) expect(kernelScratchBeside(plain, 3)).toBeUndefined();
    // Same distances from the prepared rows (SIMD, in place) as from ordinary arrays (JS).
    const mean = Float64Array.of(0, 1, 2);
    const precisions = Float64Array.of(1, 2, 3);
    const expected = new Float64Array(3);
    squaredMahalanobisDiagonal(
      { rows: 3, cols: 3, data: Float64Array.from(rows.flat()) },
      0,
      3,
      mean,
      precisions,
      expected,
    );
    squaredMahalanobisDiagonal(prepared, 0, 3, mean, precisions, out ?? new Float64Array(3));
    expect(Array.from(out ?? [])).toEqual(Array.from(expected));
  });

  it('is an ordinary copy without WebAssembly', () => {
    setKernelCompilation(false);
    const prepared = prepareData(rows);
    expect(prepared.inKernelMemory).toBe(false);
    expect(Array.from(prepared.data)).toEqual(rows.flat());
    expect(kernelScratchBeside(prepared.data, 3)).toBeUndefined();
  });

  it('names the first bad value, and keeps NaN as missing with marginalize', () => {
    expect(() =>
      prepareData([rows[0], [4, Number.NEGATIVE_INFINITY, 6]], { argument: 'Y' }),
    ).toThrow(expect.objectContaining({ argument: 'Y', row: 1, column: 1 }));
    expect(() => prepareData([rows[0], [4, Number.NaN, 6]])).toThrow(InvalidInputError);
    const holes = prepareData([rows[0], [4, Number.NaN, 6]], { missing: 'marginalize' });
    expect(Array.from(holes.missingRows ?? [])).toEqual([0, 1]);
    expect(Array.from(holes.columnMin)).toEqual([1, -2, 3]);
    expect(() => prepareData([[1, Number.POSITIVE_INFINITY]], { missing: 'marginalize' })).toThrow(
      InvalidInputError,
    );
  });

  it('returns prepared data as it is, and refuses it once disposed', () => {
    const prepared = prepareData(rows);
    expect(prepareData(prepared)).toBe(prepared);
    prepared.dispose();
    expect(() => prepareData(prepared)).toThrow(DisposedDataError);
  });
});
