import { readFileSync } from 'node:fs';
import { DisposedDataError, InvalidInputError, isPreparedData, toMatrix } from '@mixkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { assembleKernels } from '../../scripts/assembleKernels.mjs';
import { setKernelCompilation } from '../kernelCompilation.js';
import { squaredMahalanobisDiagonal } from '../squaredMahalanobisDiagonal.js';
import { scanBinary } from '../wasm/scanBinary.js';
import { allocateKernelArrays } from '../wasm/wasmKernels.js';
import { kernelScratchBeside } from './kernelScratchBeside.js';
import { PREPARED_SCRATCH_VALUES, prepareData } from './prepareData.js';

afterEach(() => setKernelCompilation(true));

const rows = [
  [1, -2, 3],
  [4, 5, -6],
  [-7, 8, 9],
];

describe('scanBinary', () => {
  it('is scan.wat assembled, under 4 KiB (run `pnpm --filter @mixkit/linalg build:wasm` after editing)', async () => {
    const wat = readFileSync(new URL('../wasm/scan.wat', import.meta.url), 'utf8');
    expect(await assembleKernels(wat)).toBe(scanBinary);
    expect(atob(scanBinary).length).toBeLessThan(4096);
  });
});

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

  it('gives the same ranges, bit for bit, and the same errors with the WebAssembly scan as without', () => {
    /** Column ranges (and -0 against 0) or the error, with or without kernel compilation. */
    const outcome = (data: Float64Array, cols: number, compile: boolean, marginalize = false) => {
      setKernelCompilation(compile);
      try {
        const prepared = prepareData(
          { rows: data.length / cols, cols, data },
          marginalize ? { missing: 'marginalize' } : {},
        );
        expect(prepared.inKernelMemory).toBe(compile);
        expect(Array.from(prepared.data)).toEqual(Array.from(data));
        // Object.is tells -0 from 0.
        const signs = (xs: Float64Array) => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : x));
        return { min: signs(prepared.columnMin), max: signs(prepared.columnMax) };
      } catch (error) {
        if (!InvalidInputError.isInstance(error)) throw error;
        return `${error.message} @${error.row},${error.column}`;
      } finally {
        setKernelCompilation(true);
      }
    };
    // More rows than one call of the scan takes (4096), odd and even widths, zeros of both
    // signs in either order.
    for (const cols of [1, 2, 3, 8, 13]) {
      const n = 9000;
      const data = Float64Array.from({ length: n * cols }, (_, i) =>
        i % 7 === 0 ? (i % 2 === 0 ? -0 : 0) : Math.sin(i) * 1e3 * (1 + (i % cols)),
      );
      expect(outcome(data, cols, true)).toEqual(outcome(data, cols, false));
      for (const [at, bad] of [
        [5000 * cols + cols - 1, Number.NaN],
        [10, Number.POSITIVE_INFINITY],
        [n * cols - 1, Number.NEGATIVE_INFINITY],
      ] as const) {
        const withBad = Float64Array.from(data);
        withBad[at] = bad;
        withBad[at - 1 >= 0 ? at - 1 : at] = bad;
        const expected = outcome(withBad, cols, false);
        expect(expected).toMatch(/finite numbers/);
        expect(outcome(withBad, cols, true)).toEqual(expected);
      }
      // NaN as missing cells in two rows, one in each call of the scan.
      const missing = Float64Array.from(data);
      missing[17 * cols] = Number.NaN;
      missing[4100 * cols + cols - 1] = Number.NaN;
      expect(outcome(missing, cols, true, true)).toEqual(outcome(missing, cols, false, true));
    }
  });

  it('is an ordinary copy without WebAssembly', () => {
    setKernelCompilation(false);
    const prepared = prepareData(rows);
    expect(prepared.inKernelMemory).toBe(false);
    expect(Array.from(prepared.data)).toEqual(rows.flat());
    expect(kernelScratchBeside(prepared.data, 3)).toBeUndefined();
  });

  it("places the copy in a SharedArrayBuffer with memory 'shared': same values, ranges and errors", () => {
    const shared = prepareData(rows, { memory: 'shared' });
    const kernel = prepareData(rows);
    expect(shared.inKernelMemory).toBe(false);
    expect(shared.data.buffer instanceof SharedArrayBuffer).toBe(true);
    expect(Array.from(shared.data)).toEqual(rows.flat());
    expect(Array.from(shared.columnMin)).toEqual(Array.from(kernel.columnMin));
    expect(Array.from(shared.columnMax)).toEqual(Array.from(kernel.columnMax));
    expect(kernelScratchBeside(shared.data, 3)).toBeUndefined();
    expect(() =>
      prepareData([rows[0], [4, Number.NEGATIVE_INFINITY, 6]], { argument: 'Y', memory: 'shared' }),
    ).toThrow(expect.objectContaining({ argument: 'Y', row: 1, column: 1 }));
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
