import { describe, expect, it } from 'vitest';
import { InvalidInputError } from './errors/invalidInputError.js';
import { countMissingCells, markMissingRows } from './missing/markMissingRows.js';
import { toMatrix } from './toMatrix.js';

function caught(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    if (InvalidInputError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

describe('toMatrix', () => {
  it('copies rows of numbers into one row-major Float64Array', () => {
    const m = toMatrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('accepts rows given as typed arrays', () => {
    const m = toMatrix([Float32Array.of(1, 2), Int8Array.of(3, 4)]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
  });

  it('uses a Float64Array-backed shaped input without copying', () => {
    const data = Float64Array.of(1, 2, 3, 4, 5, 6);
    const m = toMatrix({ rows: 3, cols: 2, data });
    expect(m.data).toBe(data);
    expect(m.rows).toBe(3);
  });

  it('copies a shaped plain array into a Float64Array', () => {
    const m = toMatrix({ rows: 1, cols: 3, data: [1, 2, 3] });
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(m.data)).toEqual([1, 2, 3]);
  });

  it('reads ml-matrix-like objects through to1DArray', () => {
    const fake = { rows: 2, columns: 2, to1DArray: () => [1, 2, 3, 4] };
    const m = toMatrix(fake);
    expect(m.cols).toBe(2);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
  });

  it('rejects ragged rows, naming the row', () => {
    const error = caught(() => toMatrix([[1, 2], [3, 4], [5]]));
    expect(error.argument).toBe('X');
    expect(error.row).toBe(2);
    expect(error.message).toMatch(/ragged/);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('rejects %s naming row and column', (_name, bad) => {
    const error = caught(() =>
      toMatrix([
        [1, 2],
        [3, bad],
      ]),
    );
    expect(error.row).toBe(1);
    expect(error.column).toBe(1);
    expect(Object.is(error.value, bad)).toBe(true);
    expect(error.message).toMatch(/row 1, column 1/);
  });

  it('rejects non-finite values in shaped input with the right row and column', () => {
    const data = new Float64Array(12);
    data[7] = Number.NaN;
    const error = caught(() => toMatrix({ rows: 4, cols: 3, data }, { argument: 'points' }));
    expect([error.argument, error.row, error.column]).toEqual(['points', 2, 1]);
  });

  it('finds the first non-finite value wherever it sits in the eight-value blocks or the tail', () => {
    for (const [index, bad] of [
      [0, Number.NaN],
      [37, Number.POSITIVE_INFINITY],
      [63, Number.NEGATIVE_INFINITY],
      [98, Number.NaN],
    ] as const) {
      const data = Float64Array.from({ length: 99 }, (_, i) => i - 50);
      data[index] = bad;
      if (index < 98) data[98] = Number.NaN; // a later failure must not be the one reported
      const error = caught(() => toMatrix({ rows: 33, cols: 3, data }));
      expect([error.row, error.column]).toEqual([Math.floor(index / 3), index % 3]);
      expect(Object.is(error.value, bad)).toBe(true);
    }
  });

  it('can leave the finiteness check to the caller', () => {
    const m = toMatrix([[Number.NaN]], { checkFinite: false });
    expect(Number.isNaN(m.data[0])).toBe(true);
  });

  it('rejects non-numeric entries', () => {
    const error = caught(() => toMatrix([[1, '2' as unknown as number]]));
    expect(error.column).toBe(1);
    expect(error.message).toMatch(/not a number/);
  });

  it('rejects empty data unless allowed', () => {
    expect(() => toMatrix([])).toThrow(/empty/);
    expect(toMatrix([], { allowEmpty: true }).rows).toBe(0);
    expect(() => toMatrix({ rows: 0, cols: 3, data: [] })).toThrow(InvalidInputError);
  });

  it('rejects rows without columns', () => {
    expect(() => toMatrix([[], []])).toThrow(/no columns/);
  });

  it('rejects a shape that does not match the data length', () => {
    const error = caught(() => toMatrix({ rows: 2, cols: 2, data: [1, 2, 3] }));
    expect(error.message).toMatch(/does not match the shape 2x2/);
  });

  it('rejects an invalid shape', () => {
    expect(() => toMatrix({ rows: -1, cols: 2, data: [] })).toThrow(/invalid shape/);
  });

  it('checks the expected column count (wrong dimension at predict)', () => {
    const error = caught(() => toMatrix([[1, 2, 3]], { cols: 2 }));
    expect(error.value).toBe(3);
    expect(error.message).toMatch(/expected 2 columns/);
  });

  it.each([
    ['null', null],
    ['a number', 3],
    ['a string', 'abc'],
    ['an object', { foo: 1 }],
  ])('rejects %s', (_name, input) => {
    expect(() => toMatrix(input as never)).toThrow(InvalidInputError);
  });

  it('rejects a row that is not an array', () => {
    const error = caught(() => toMatrix([[1], null as unknown as number[]]));
    expect(error.row).toBe(1);
  });
});

describe('toMatrix with missing: marginalize', () => {
  it('keeps NaN cells, marks their rows and still rejects infinities', () => {
    const X = toMatrix(
      [
        [1, Number.NaN],
        [2, 3],
        [Number.NaN, Number.NaN],
      ],
      { missing: 'marginalize' },
    );
    expect(Array.from(X.missingRows ?? [])).toEqual([1, 0, 1]);
    expect(Number.isNaN(X.data[1])).toBe(true);
    expect(countMissingCells(X)).toBe(3);
    expect(markMissingRows(X).missingCells).toBe(3);
    expect(toMatrix([[1, 2]], { missing: 'marginalize' }).missingRows).toBeUndefined();
    expect(() => toMatrix([[1, Number.POSITIVE_INFINITY]], { missing: 'marginalize' })).toThrow(
      /row 0.*column 1/,
    );
    expect(() => toMatrix([[1, Number.NaN]])).toThrow(InvalidInputError);
  });
});
