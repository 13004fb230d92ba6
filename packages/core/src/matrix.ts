/**
 * A dense row-major matrix over one flat `Float64Array`: entry (i, j) is `data[i * cols + j]`.
 *
 * This is the only data layout mixkit's kernels read and write. It is a plain value (no methods),
 * so it crosses worker boundaries and JSON as is, and a kernel can walk it in memory order.
 */
export interface Matrix {
  /** Number of rows (n). */
  readonly rows: number;
  /** Number of columns (d). */
  readonly cols: number;
  /** The `rows * cols` entries, row after row. */
  readonly data: Float64Array;
  /**
   * Present only on data with missing cells (opt-in: `toMatrix(X, { missing: 'marginalize' })`):
   * `missingRows[i]` is 1 when row i holds at least one missing cell (NaN), else 0, for every
   * row. A matrix without it holds no NaN. Families that handle missing cells
   * (`ComponentFamily.missingCells`) read it to send only the marked rows down their per-row
   * missing-cell path, so complete rows cost what they cost without the option. Whoever builds
   * a matrix over other rows (a shard, a column block) passes the matching part along.
   */
  readonly missingRows?: Uint8Array;
}

/**
 * Anything `toMatrix` accepts as a data matrix:
 * - a `Matrix` (validated, not copied),
 * - rows of numbers (`number[][]` or an array of typed arrays),
 * - a flat typed array or number array with an explicit shape,
 * - an `ml-matrix` `Matrix` (or any object with `rows`, `columns` and `to1DArray()`).
 */
export type MatrixInput =
  | Matrix
  | ReadonlyArray<ArrayLike<number>>
  | {
      /** The `rows * cols` entries, row after row. */
      readonly data: ArrayLike<number>;
      /** Number of rows. */
      readonly rows: number;
      /** Number of columns. */
      readonly cols: number;
    }
  | MlMatrixLike;

/** The part of ml-matrix's `AbstractMatrix` that mixkit reads; core does not depend on ml-matrix. */
export interface MlMatrixLike {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly columns: number;
  /** The entries row after row (ml-matrix copies them into a new array). */
  to1DArray(): number[];
}

/** A matrix of the given shape; `data` is zero-filled unless given (it is then used, not copied). */
export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const buffer = data ?? new Float64Array(rows * cols);
  if (buffer.length !== rows * cols) {
    throw new RangeError(`createMatrix: data has length ${buffer.length}, expected ${rows * cols}`);
  }
  return { rows, cols, data: buffer };
}

/** Row `i` as a view (no copy) into the matrix's buffer. */
export function rowView(matrix: Matrix, i: number): Float64Array {
  return matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols);
}

/** A `number[][]` copy, for printing and JSON; never used in hot paths. */
export function toArrays(matrix: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < matrix.rows; i++) out.push(Array.from(rowView(matrix, i)));
  return out;
}
