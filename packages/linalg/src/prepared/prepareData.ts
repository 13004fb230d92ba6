import {
  createPreparedData,
  InvalidInputError,
  isPreparedData,
  type MatrixInput,
  type MissingPolicy,
  type PreparedData,
  resolveMissingPolicy,
  toMatrix,
} from '@mixkit/core';
import { allocateKernelArrays } from '../wasm/wasmKernels.js';
import { reserveKernelScratch } from './kernelScratchBeside.js';

/** Options of `prepareData`. */
export interface PrepareDataOptions {
  /** The argument name used in error messages. Default `'X'`. */
  readonly argument?: string;
  /**
   * What NaN means, as in the fits: `'error'` (default) rejects it; `'marginalize'` keeps NaN
   * cells as missing and marks their rows (`missingRows`). Infinities are rejected either way.
   */
  readonly missing?: MissingPolicy;
}

/**
 * Doubles reserved beside the rows in kernel memory for a fit's scratch (the E-step's block of
 * `blockSize x k` values: 1024 x 64 at the defaults' largest), 512 KiB.
 */
export const PREPARED_SCRATCH_VALUES = 65_536;

/**
 * Checks `X` once and places it once, for many fits: copies it into kernel memory (a new
 * WebAssembly memory, where the SIMD kernels read it in place; an ordinary array where
 * WebAssembly SIMD is unavailable or turned off) while checking that every value is finite and
 * recording each column's range, in one pass. Pass the result wherever a matrix goes:
 * `GaussianMixture.fit`, `fitMixture`, `selectMixture`, `KMeans.fit`, `predict`, `score`. Those
 * then skip the finite check, the copy into kernel memory and the Gaussian families' range
 * check, with the same results, bit for bit, as on `X` itself.
 *
 * Throws `InvalidInputError` (with row and column) for what `toMatrix` rejects. The copy holds
 * n·d doubles plus 512 KiB until `dispose()` (or until nothing refers to it); afterwards it
 * throws `DisposedDataError` wherever it is used. Prepared data is not copied again: change
 * values in `X` and prepare it again rather than writing into `data`.
 */
export function prepareData(X: MatrixInput, options: PrepareDataOptions = {}): PreparedData {
  const argument = options.argument ?? 'X';
  const missing = resolveMissingPolicy(options.missing);
  if (isPreparedData(X)) {
    // Already prepared: checked again only for what may differ (disposal, the missing policy).
    toMatrix(X, { argument, missing });
    return X;
  }
  // Shape and coercion here; the values are checked in the copy below (with 'marginalize',
  // toMatrix also rejects infinities and marks the rows holding NaN).
  const source = toMatrix(X, { argument, checkFinite: false, missing });
  const { rows, cols, missingRows } = source;
  const from = source.data;
  const arrays = allocateKernelArrays([rows * cols, PREPARED_SCRATCH_VALUES]);
  const data = arrays?.[0] ?? new Float64Array(rows * cols);
  if (arrays !== undefined) reserveKernelScratch(data, arrays[1]);
  const columnMin = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const columnMax = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0, index = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, index++) {
      const value = from[index];
      data[index] = value;
      // value - value is NaN exactly for NaN and ±Infinity.
      if (value - value !== 0) {
        if (Number.isNaN(value) && missingRows?.[i] === 1) continue;
        throw new InvalidInputError(
          { argument, row: i, column: j, value },
          'values must be finite numbers',
        );
      }
      if (value < columnMin[j]) columnMin[j] = value;
      if (value > columnMax[j]) columnMax[j] = value;
    }
  }
  return createPreparedData({
    matrix: missingRows === undefined ? { rows, cols, data } : { rows, cols, data, missingRows },
    columnMin,
    columnMax,
    inKernelMemory: arrays !== undefined,
  });
}
