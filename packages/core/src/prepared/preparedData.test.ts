import { describe, expect, it } from 'vitest';
import { DisposedDataError } from '../errors/disposedDataError.js';
import { InvalidInputError } from '../errors/invalidInputError.js';
import { toMatrix } from '../toMatrix.js';
import { createPreparedData, isPreparedData } from './preparedData.js';

function prepared(data: number[], missingRows?: Uint8Array) {
  const matrix = { rows: data.length / 2, cols: 2, data: Float64Array.from(data) };
  return createPreparedData({
    matrix: missingRows === undefined ? matrix : { ...matrix, missingRows },
    columnMin: new Float64Array(2),
    columnMax: new Float64Array(2),
    inKernelMemory: false,
  });
}

describe('PreparedData', () => {
  it('passes toMatrix as it is, without a second look at its values', () => {
    const p = prepared([1, 2, 3, 4]);
    expect(isPreparedData(p)).toBe(true);
    expect(isPreparedData({ rows: 2, cols: 2, data: p.data })).toBe(false);
    expect(toMatrix(p)).toBe(p);
    expect(toMatrix(p, { cols: 2 })).toBe(p);
  });

  it('checks the column count and the missing policy', () => {
    const p = prepared([1, 2, 3, 4]);
    expect(() => toMatrix(p, { cols: 3 })).toThrow(InvalidInputError);
    const holes = prepared([1, Number.NaN, 3, 4], Uint8Array.of(1, 0));
    expect(toMatrix(holes, { missing: 'marginalize' })).toBe(holes);
    expect(() => toMatrix(holes)).toThrow(
      expect.objectContaining({ name: 'InvalidInputError', row: 0, column: 1 }),
    );
  });

  it('throws DisposedDataError once disposed, wherever it is read', () => {
    const p = prepared([1, 2, 3, 4]);
    p.dispose();
    expect(p.disposed).toBe(true);
    let error: unknown;
    try {
      toMatrix(p, { argument: 'batch' });
    } catch (caught) {
      error = caught;
    }
    expect(DisposedDataError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'batch' });
    expect(() => p.data).toThrow(DisposedDataError);
  });

  it('clones like a plain matrix (what a worker receives)', () => {
    const p = prepared([1, 2, 3, 4]);
    const copy = structuredClone(p);
    expect(isPreparedData(copy)).toBe(false);
    expect({ rows: copy.rows, cols: copy.cols, data: copy.data }).toEqual({
      rows: 2,
      cols: 2,
      data: Float64Array.of(1, 2, 3, 4),
    });
  });
});
