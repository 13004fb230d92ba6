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
import { allocateKernelArrays, wasmKernelsFor } from '../wasm/wasmKernels.js';
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
  /**
   * Where the copy goes: `'kernel'` (default) a new WebAssembly memory, where the SIMD kernels
   * read it in place; `'shared'` a `SharedArrayBuffer` (an ordinary array where the platform has
   * none), for fits whose passes run on worker threads: a worker pool then shares the rows as
   * they are instead of copying them once more when its session opens, and each worker places
   * its own rows in its own kernel memory. The check and the column ranges are the same either
   * way (the scan runs in JavaScript for `'shared'`).
   */
  readonly memory?: 'kernel' | 'shared';
  /**
   * With `memory: 'shared'`: where to place the copy (its first rows·cols·8 bytes, overwritten)
   * when it has that many, e.g. a buffer a kept worker pool lends
   * (`ShardExecutor.borrowBuffer`), whose pages are already mapped; otherwise a new one.
   */
  readonly sharedBuffer?: SharedArrayBuffer | undefined;
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
  const shared = options.memory === 'shared';
  // The copy below writes every value of the rows (the first array).
  const arrays = shared
    ? undefined
    : allocateKernelArrays([rows * cols, PREPARED_SCRATCH_VALUES], 1);
  const data =
    arrays?.[0] ??
    (shared && typeof SharedArrayBuffer !== 'undefined'
      ? new Float64Array(sharedBufferOf(options.sharedBuffer, rows * cols * 8), 0, rows * cols)
      : new Float64Array(rows * cols));
  if (arrays !== undefined) reserveKernelScratch(data, arrays[1]);
  const columnMin = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const columnMax = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  const check = { argument, missingRows, columnMin, columnMax };
  data.set(from);
  if (arrays === undefined || !scanInKernelMemory(data, rows, cols, check)) {
    for (let i = 0; i < rows; i++) scanRow(from, i, cols, check);
  }
  return createPreparedData({
    matrix: missingRows === undefined ? { rows, cols, data } : { rows, cols, data, missingRows },
    columnMin,
    columnMax,
    inKernelMemory: arrays !== undefined,
  });
}

/** `lent` when it has at least `bytes` bytes, else a new shared buffer. */
function sharedBufferOf(lent: SharedArrayBuffer | undefined, bytes: number): SharedArrayBuffer {
  return lent !== undefined && lent.byteLength >= bytes ? lent : new SharedArrayBuffer(bytes);
}

/** What the scan checks and where it records the column ranges. */
interface RowCheck {
  readonly argument: string;
  readonly missingRows: Uint8Array | undefined;
  readonly columnMin: Float64Array;
  readonly columnMax: Float64Array;
}

/**
 * Row i of `values`: every value finite (NaN passes in a row `missingRows` marks) and folded into
 * the column ranges, or an `InvalidInputError` at the first value that is not.
 */
function scanRow(values: Float64Array, i: number, cols: number, check: RowCheck): void {
  const { columnMin, columnMax, missingRows } = check;
  for (let j = 0, index = i * cols; j < cols; j++, index++) {
    const value = values[index];
    // value - value is NaN exactly for NaN and ±Infinity.
    if (value - value !== 0) {
      if (Number.isNaN(value) && missingRows?.[i] === 1) continue;
      throw new InvalidInputError(
        { argument: check.argument, row: i, column: j, value },
        'values must be finite numbers',
      );
    }
    if (value < columnMin[j]) columnMin[j] = value;
    if (value > columnMax[j]) columnMax[j] = value;
  }
}

/**
 * Rows per call of the WebAssembly scan: V8 runs a function's first calls in its baseline tier
 * and switches to optimised code only at a later call (WebAssembly has no on-stack
 * replacement), so one call over all rows would run unoptimised throughout.
 */
const SCAN_ROWS = 4096;

/**
 * The scan of the copy in kernel memory (made natively by `TypedArray.set`, so fast even in a
 * fresh process): scan.wat's `finiteColumnRanges` folds every value into the ranges with the
 * JavaScript loop's comparisons and stops at a row holding NaN or an infinity; that row is
 * checked again here (`scanRow`: it throws, or passes a missing cell). False when the columns
 * do not fit the kernel memory's scratch (the caller's loop runs).
 */
function scanInKernelMemory(
  data: Float64Array,
  rows: number,
  cols: number,
  check: RowCheck,
): boolean {
  const wasm = wasmKernelsFor(data, data);
  const slots = 2 * Math.ceil(cols / 2);
  if (wasm === undefined || 2 * slots > wasm.scratch.length) return false;
  const { scratch, exports } = wasm;
  const { columnMin, columnMax } = check;
  scratch.set(columnMin, 0);
  scratch.set(columnMax, slots);
  for (let i = 0; i < rows; ) {
    const count = Math.min(SCAN_ROWS, rows - i);
    const done = exports.finiteColumnRanges(
      data.byteOffset + i * cols * 8,
      count,
      cols,
      0,
      slots * 8,
    );
    i += done;
    if (done < count) {
      // The stopped row's values are in the bounds already (NaN moves none); checking it
      // again throws for what is not a missing cell and leaves the bounds as they are.
      columnMin.set(scratch.subarray(0, cols));
      columnMax.set(scratch.subarray(slots, slots + cols));
      scanRow(data, i, cols, check);
      scratch.set(columnMin, 0);
      scratch.set(columnMax, slots);
      i++;
    }
  }
  columnMin.set(scratch.subarray(0, cols));
  columnMax.set(scratch.subarray(slots, slots + cols));
  return true;
}
