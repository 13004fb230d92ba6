import {
  type AnyComponentFamily,
  isPreparedData,
  type MatrixInput,
  type MissingPolicy,
  toMatrix,
} from '@mixkit/core';
import {
  allocateKernelArrays,
  kernelMemoryAvailable,
  kernelScratchBeside,
  PREPARED_SCRATCH_VALUES,
  prefersKernelMemory,
  prepareData,
} from '@mixkit/linalg';

/**
 * Data with fewer values stays where it is: a kernel memory costs ~25 µs to set up, and the
 * SIMD kernels save ~10 ns per row and component per pass (d = 16), so small data (and the
 * small batches of `OnlineMixture`) would pay more than they gain.
 */
export const KERNEL_MEMORY_MIN_VALUES = 65_536;

/**
 * The block buffer beside data already in kernel memory (`prepareData` of `@mixkit/linalg`),
 * when some family is marked with `preferKernelMemory`: the fit then reads the prepared rows in
 * place, with no copy. Undefined otherwise (the caller places the data with `kernelArrays`).
 */
export function blockBeside(
  families: readonly AnyComponentFamily[],
  data: Float64Array,
  blockLength: number,
): Float64Array | undefined {
  if (!families.some(prefersKernelMemory)) return undefined;
  return kernelScratchBeside(data, blockLength);
}

/**
 * A data buffer of `dataLength` and a block buffer of `blockLength` doubles in one kernel memory
 * (`@mixkit/linalg`'s `allocateKernelArrays`), where the families' WebAssembly kernels read them
 * in place, when some family is marked with linalg's `preferKernelMemory` and the data is large enough; otherwise (or
 * without WebAssembly) undefined, and the caller keeps ordinary arrays, with the same results.
 * The data buffer may hold an earlier fit's values (a reused memory): the caller fills it.
 */
export function kernelArrays(
  families: readonly AnyComponentFamily[],
  dataLength: number,
  blockLength: number,
): { readonly data: Float64Array; readonly block: Float64Array } | undefined {
  if (dataLength < KERNEL_MEMORY_MIN_VALUES) return undefined;
  if (!families.some(prefersKernelMemory)) return undefined;
  // Callers copy their rows into the data buffer before reading it.
  const arrays = allocateKernelArrays([dataLength, blockLength], 1);
  return arrays === undefined ? undefined : { data: arrays[0], block: arrays[1] };
}

/**
 * The data of a fit, placed before anything reads it when a family prefers kernel memory (the
 * Gaussians) and the data is large enough: `prepareData` copies it and checks it and its column
 * ranges in one pass, which then stand in for the finite check and the Gaussian families' range
 * check (both loops over every value in JavaScript, slow in a fresh process's first fit). The
 * column ranges also settle an absolute `regCovar` (`forDataRanges`), so no pass over the data
 * computes its statistics. The fit gives the same bits as on X.
 *
 * - Passes in this thread (`inThread`): the copy goes to kernel memory (a native copy and a
 *   WebAssembly scan) and stands in for the later copy into kernel memory.
 * - Passes on an executor's workers, when the data is more than one shard (`shardRows`, so the
 *   passes really leave this thread): the copy goes to a `SharedArrayBuffer`
 *   (`memory: 'shared'`; one `borrow` lends, when it has one of that size: an executor's
 *   `borrowBuffer`), which a worker pool shares as it is instead of copying the rows when
 *   its session opens. On `gmm-medium` (100,000 x 10) on workers this took the finite check, the
 *   range check and the 12 ms statistics pass out of the serial time before the first pass,
 *   which every worker waited for (issue 17).
 *
 * Otherwise (also when the fit's block of `blockRows x k` values would not fit the scratch
 * prepared data keeps beside its rows, where a second copy would follow), and with missing
 * cells allowed, X as given: the same conditions whichever thread runs the passes, so the same
 * check names the same first bad value.
 */
export function placedBeforeChecks(
  X: MatrixInput,
  families: readonly AnyComponentFamily[],
  missing: MissingPolicy,
  inThread: boolean,
  blockRows: number,
  shardRows: (n: number, d: number) => number = (n) => n,
  borrow?: ((bytes: number) => SharedArrayBuffer | undefined) | undefined,
): MatrixInput {
  if (missing !== 'error' || isPreparedData(X)) return X;
  if (!families.some(prefersKernelMemory) || !kernelMemoryAvailable()) return X;
  // Shape only (checking the values is prepareData's).
  const matrix = toMatrix(X, { checkFinite: false });
  const blockLength = Math.min(blockRows, matrix.rows) * families.length;
  if (matrix.data.length < KERNEL_MEMORY_MIN_VALUES || blockLength > PREPARED_SCRATCH_VALUES) {
    return matrix;
  }
  if (inThread) return prepareData(matrix);
  return shardRows(matrix.rows, matrix.cols) < matrix.rows
    ? prepareData(matrix, {
        memory: 'shared',
        sharedBuffer: borrow?.(matrix.data.length * 8),
      })
    : matrix;
}
