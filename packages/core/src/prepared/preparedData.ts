import { DisposedDataError } from '../errors/disposedDataError.js';
import type { Matrix } from '../matrix.js';

/**
 * Data checked once and placed once, for many fits: `prepareData` of `@mixkit/linalg` copies a
 * matrix into kernel memory (where the WebAssembly kernels read it in place; an ordinary array
 * where WebAssembly is unavailable) while checking every value and recording each column's
 * range, in one pass. It is a `Matrix`, so every fit, `predict` and `score` that takes a matrix
 * takes it; they skip the finite check, the copy into kernel memory and the Gaussian families'
 * range check, and give the same bits as on the matrix itself.
 *
 * Treat `data` as read-only: the checks ran when it was prepared. `dispose()` lets its memory go;
 * using it afterwards throws `DisposedDataError`, and so does an async fit still running on it
 * (at its next block of rows).
 */
export interface PreparedData extends Matrix {
  /** Smallest value of each column (over the observed cells when cells are missing). */
  readonly columnMin: Float64Array;
  /** Largest value of each column (over the observed cells when cells are missing). */
  readonly columnMax: Float64Array;
  /** Whether `data` lives in kernel memory (false where WebAssembly SIMD is unavailable). */
  readonly inKernelMemory: boolean;
  /** Whether `dispose()` ran. */
  readonly disposed: boolean;
  /** Drops this object's hold on its memory; later use throws `DisposedDataError`. */
  dispose(): void;
}

/** What `createPreparedData` builds a `PreparedData` from: checked data and its column ranges. */
export interface PreparedParts {
  /** The checked data (with `missingRows` when it holds missing cells). */
  readonly matrix: Matrix;
  /** Smallest value of each column. */
  readonly columnMin: Float64Array;
  /** Largest value of each column. */
  readonly columnMax: Float64Array;
  /** Whether `matrix.data` lives in kernel memory. */
  readonly inKernelMemory: boolean;
}

/** A registered symbol, so copies of core loaded twice (duplicate installs) agree on it. */
const preparedMark = Symbol.for('mixkit.core.PreparedData');

/**
 * Wraps checked data as `PreparedData`; for packages that place data (`prepareData` of
 * `@mixkit/linalg`), which must have checked every value (finite, or NaN only in the rows
 * `missingRows` marks) and computed the column ranges. Everything that crosses to a worker
 * (`rows`, `cols`, `data`, `missingRows`, the ranges) is an enumerable property; `dispose` and
 * the flags are not, so the object clones like a plain `Matrix`.
 */
export function createPreparedData(parts: PreparedParts): PreparedData {
  const { matrix, columnMin, columnMax, inKernelMemory } = parts;
  let data: Float64Array | undefined = matrix.data;
  const prepared = {} as PreparedData;
  Object.defineProperties(prepared, {
    rows: { value: matrix.rows, enumerable: true },
    cols: { value: matrix.cols, enumerable: true },
    data: {
      enumerable: true,
      get(): Float64Array {
        if (data === undefined) throw new DisposedDataError('X');
        return data;
      },
    },
    ...(matrix.missingRows === undefined
      ? {}
      : { missingRows: { value: matrix.missingRows, enumerable: true } }),
    columnMin: { value: columnMin, enumerable: true },
    columnMax: { value: columnMax, enumerable: true },
    inKernelMemory: { value: inKernelMemory },
    disposed: { get: () => data === undefined },
    dispose: {
      value: () => {
        data = undefined;
      },
    },
    [preparedMark]: { value: true },
  });
  return prepared;
}

/** Whether `value` was built by `createPreparedData` (disposed or not). */
export function isPreparedData(value: unknown): value is PreparedData {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { [preparedMark]?: unknown })[preparedMark] === true
  );
}
