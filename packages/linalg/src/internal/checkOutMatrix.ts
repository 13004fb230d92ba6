import { createMatrix, InvalidInputError, type Matrix } from '@mixkit/core';
import { checkMatrix } from './checks.js';

/** Makes an output matrix of the given shape, or checks a supplied one (shape, no aliasing). */
export function outputMatrix(
  out: Matrix | undefined,
  rows: number,
  cols: number,
  inputs: readonly Matrix[],
): Matrix {
  if (out === undefined) return createMatrix(rows, cols);
  checkMatrix(out, 'out');
  if (out.rows !== rows || out.cols !== cols) {
    throw new InvalidInputError(
      { argument: 'out' },
      `expected shape ${rows} x ${cols}, got ${out.rows} x ${out.cols}`,
    );
  }
  for (const input of inputs) {
    if (overlaps(out.data, input.data)) {
      throw new InvalidInputError({ argument: 'out' }, 'must not share memory with an input');
    }
  }
  return out;
}

/** True when two typed arrays share at least one byte of the same buffer. */
function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer || a.length === 0 || b.length === 0) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
