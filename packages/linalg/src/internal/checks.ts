import { InvalidInputError, type Matrix } from '@mixkit/core';

/**
 * Shape checks shared by the kernels. Every check is O(1) (or O(d)): kernels never inspect
 * values element by element; NaN screening belongs to `toMatrix` at the API boundary.
 */

/** Requires a non-negative integer dimension. */
export function checkDimension(d: number, argument = 'd'): void {
  if (!Number.isInteger(d) || d < 0) {
    throw new InvalidInputError({ argument, value: d }, 'expected a non-negative integer');
  }
}

/** Requires `array.length === length`. */
export function checkLength(array: ArrayLike<number>, length: number, argument: string): void {
  if (array.length !== length) {
    throw new InvalidInputError(
      { argument, value: array.length },
      `expected length ${length} (array length given)`,
    );
  }
}

/** Requires `array.length >= length`. */
export function checkMinLength(array: ArrayLike<number>, length: number, argument: string): void {
  if (array.length < length) {
    throw new InvalidInputError(
      { argument, value: array.length },
      `expected length >= ${length} (array length given)`,
    );
  }
}

/** Requires `X` to be a well-formed matrix and `[start, end)` to be a row range of it. */
export function checkRowRange(X: Matrix, start: number, end: number, argument = 'X'): void {
  if (X.data.length !== X.rows * X.cols) {
    throw new InvalidInputError(
      { argument, value: X.data.length },
      `data length does not match its shape ${X.rows} x ${X.cols}`,
    );
  }
  if (!Number.isInteger(start) || start < 0 || start > X.rows) {
    throw new InvalidInputError({ argument: 'start', value: start }, `expected in [0, ${X.rows}]`);
  }
  if (!Number.isInteger(end) || end < start || end > X.rows) {
    throw new InvalidInputError(
      { argument: 'end', value: end },
      `expected in [${start}, ${X.rows}]`,
    );
  }
}

/** Requires a matrix whose data length matches its shape. */
export function checkMatrix(M: Matrix, argument: string): void {
  if (!Number.isInteger(M.rows) || !Number.isInteger(M.cols) || M.rows < 0 || M.cols < 0) {
    throw new InvalidInputError({ argument }, `invalid shape ${M.rows} x ${M.cols}`);
  }
  if (M.data.length !== M.rows * M.cols) {
    throw new InvalidInputError(
      { argument, value: M.data.length },
      `data length does not match its shape ${M.rows} x ${M.cols}`,
    );
  }
}

/**
 * Requires a strided buffer to hold `count` entries at `offset + i * stride`
 * (offset a non-negative integer, stride a positive integer).
 */
export function checkStrided(
  array: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  argument: string,
): void {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new InvalidInputError(
      { argument: `${argument}Offset`, value: offset },
      'expected an integer >= 0',
    );
  }
  if (!Number.isInteger(stride) || stride < 1) {
    throw new InvalidInputError(
      { argument: `${argument}Stride`, value: stride },
      'expected an integer >= 1',
    );
  }
  if (count > 0 && offset + (count - 1) * stride >= array.length) {
    throw new InvalidInputError(
      { argument, value: array.length },
      `too short for ${count} entries at offset ${offset}, stride ${stride}`,
    );
  }
}

/** Makes or checks an output buffer of exactly `length` entries. */
export function outputBuffer(
  out: Float64Array | undefined,
  length: number,
  argument = 'out',
): Float64Array {
  if (out === undefined) return new Float64Array(length);
  checkMinLength(out, length, argument);
  return out;
}
