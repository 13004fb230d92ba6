import { describe, expect, it } from 'vitest';
import { createMatrix, rowView, toArrays } from './matrix.js';

describe('Matrix helpers', () => {
  it('createMatrix zero-fills and rejects a buffer of the wrong length', () => {
    const m = createMatrix(2, 3);
    expect(m.data.length).toBe(6);
    expect(Array.from(m.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => createMatrix(2, 2, new Float64Array(3))).toThrow(/expected 4/);
  });

  it('rowView shares memory with the matrix', () => {
    const m = createMatrix(2, 2, Float64Array.of(1, 2, 3, 4));
    const row = rowView(m, 1);
    row[0] = 9;
    expect(m.data[2]).toBe(9);
    expect(toArrays(m)).toEqual([
      [1, 2],
      [9, 4],
    ]);
  });
});
