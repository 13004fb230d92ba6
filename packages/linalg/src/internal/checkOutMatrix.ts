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
    if (out.data.buffer === input.data.buffer) {
      throw new InvalidInputError({ argument: 'out' }, 'must not share memory with an input');
    }
  }
  return out;
}
