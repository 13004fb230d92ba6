import { DisposedDataError } from './errors/disposedDataError.js';
import { InvalidInputError } from './errors/invalidInputError.js';
import { finitePrefix } from './finitePrefix.js';
import type { Matrix, MatrixInput, MlMatrixLike } from './matrix.js';
import { markMissingRows } from './missing/markMissingRows.js';
import type { MissingPolicy } from './missing/missingPolicy.js';
import { isPreparedData, type PreparedData } from './prepared/preparedData.js';

/** How `toMatrix` treats its input. */
export interface ToMatrixOptions {
  /** The argument name used in error messages. Default `'X'`. */
  readonly argument?: string;
  /** Accept a matrix with zero rows. Default `false`: empty data is an error. */
  readonly allowEmpty?: boolean;
  /** Require exactly this many columns (e.g. the fitted dimension at predict time). */
  readonly cols?: number;
  /**
   * Check every value is finite. Default `true`. Only turn this off when the caller checks
   * values itself (e.g. a family's support check, which also rejects NaN).
   */
  readonly checkFinite?: boolean;
  /**
   * What NaN means. `'error'` (default): NaN is rejected like an infinity. `'marginalize'`: NaN
   * cells are missing; they are kept, and the result carries `missingRows` (1 for each row that
   * holds one) when there is at least one. Infinities are rejected either way.
   */
  readonly missing?: MissingPolicy;
}

function isMlMatrix(input: object): input is MlMatrixLike {
  return (
    'columns' in input &&
    typeof (input as { to1DArray?: unknown }).to1DArray === 'function' &&
    typeof (input as { rows?: unknown }).rows === 'number'
  );
}

function isShaped(input: object): input is { data: ArrayLike<number>; rows: number; cols: number } {
  return 'data' in input && 'rows' in input && 'cols' in input;
}

/**
 * Coerces any supported input to a validated row-major `Matrix`.
 *
 * Throws `InvalidInputError` naming the row and column for: non-finite values, ragged rows,
 * non-numeric entries, a shape that does not match the data length, empty input (unless
 * `allowEmpty`), or a column count other than `options.cols`. A `Matrix` whose data is already a
 * `Float64Array` is validated but not copied; every other input is copied once. `PreparedData`
 * (checked when it was prepared) is returned as it is, after the column count and the missing
 * policy; disposed, it throws `DisposedDataError`.
 */
export function toMatrix(input: MatrixInput, options: ToMatrixOptions = {}): Matrix {
  const argument = options.argument ?? 'X';
  if (isPreparedData(input)) return preparedMatrix(input, options, argument);
  const matrix = coerce(input, argument);
  if (matrix.rows === 0 && !options.allowEmpty) {
    throw new InvalidInputError({ argument }, 'the data is empty (0 rows)');
  }
  if (matrix.rows > 0 && matrix.cols === 0) {
    throw new InvalidInputError({ argument }, 'rows have no columns');
  }
  if (options.cols !== undefined && matrix.cols !== options.cols) {
    throw new InvalidInputError(
      { argument, value: matrix.cols },
      `expected ${options.cols} columns (the fitted dimension)`,
    );
  }
  if (options.missing === 'marginalize') {
    assertNotInfinite(matrix, argument);
    return markMissingRows(matrix).matrix;
  }
  if (options.checkFinite !== false) assertFinite(matrix, argument);
  return matrix;
}

/** Prepared data as a fit reads it: no second look at its values, only at what may differ. */
function preparedMatrix(input: PreparedData, options: ToMatrixOptions, argument: string): Matrix {
  if (input.disposed) throw new DisposedDataError(argument);
  if (options.cols !== undefined && input.cols !== options.cols) {
    throw new InvalidInputError(
      { argument, value: input.cols },
      `expected ${options.cols} columns (the fitted dimension)`,
    );
  }
  // Prepared with missing cells, used where NaN is an error: name the first one.
  if (input.missingRows !== undefined && options.missing !== 'marginalize') {
    assertFinite(input, argument);
  }
  return input;
}

function coerce(input: MatrixInput, argument: string): Matrix {
  if (input == null || typeof input !== 'object') {
    throw new InvalidInputError({ argument, value: input }, 'expected a matrix');
  }
  if (Array.isArray(input)) return fromRows(input as ReadonlyArray<ArrayLike<number>>, argument);
  if (isMlMatrix(input)) {
    return { rows: input.rows, cols: input.columns, data: Float64Array.from(input.to1DArray()) };
  }
  if (isShaped(input)) {
    const { rows, cols, data } = input;
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new InvalidInputError({ argument, value: `${rows}x${cols}` }, 'invalid shape');
    }
    if (data.length !== rows * cols) {
      throw new InvalidInputError(
        { argument, value: data.length },
        `data length does not match the shape ${rows}x${cols}`,
      );
    }
    const flat = data instanceof Float64Array ? data : Float64Array.from(data);
    return { rows, cols, data: flat };
  }
  throw new InvalidInputError({ argument }, 'expected rows of numbers, a Matrix or an ml-matrix');
}

function fromRows(rows: ReadonlyArray<ArrayLike<number>>, argument: string): Matrix {
  const n = rows.length;
  if (n === 0) return { rows: 0, cols: 0, data: new Float64Array(0) };
  const first = rows[0];
  if (first == null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new InvalidInputError({ argument, row: 0, value: first }, 'expected an array of numbers');
  }
  const d = first.length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row == null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new InvalidInputError({ argument, row: i, value: row }, 'expected an array of numbers');
    }
    if (row.length !== d) {
      throw new InvalidInputError(
        { argument, row: i, value: row.length },
        `ragged rows: row 0 has ${d} columns but this row has a different count`,
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new InvalidInputError({ argument, row: i, column: j, value: v }, 'not a number');
      }
      data[i * d + j] = v;
    }
  }
  return { rows: n, cols: d, data };
}

function assertFinite(matrix: Matrix, argument: string): void {
  const { data, cols } = matrix;
  const start = finitePrefix(data);
  for (let idx = start; idx < data.length; idx++) {
    const v = data[idx]!;
    // v - v is NaN exactly for NaN and ±Infinity: one cheap test in the common path.
    if (v - v !== 0) {
      throw new InvalidInputError(
        { argument, row: Math.floor(idx / cols), column: idx % cols, value: v },
        'values must be finite numbers',
      );
    }
  }
}

/** Rejects ±Infinity (NaN, a missing cell, passes). */
function assertNotInfinite(matrix: Matrix, argument: string): void {
  const { data, cols } = matrix;
  for (let idx = 0; idx < data.length; idx++) {
    const v = data[idx]!;
    if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      throw new InvalidInputError(
        { argument, row: Math.floor(idx / cols), column: idx % cols, value: v },
        'values must be finite numbers or NaN (a missing cell)',
      );
    }
  }
}
