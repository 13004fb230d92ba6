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
 */
export function kernelArrays(
  families: readonly AnyComponentFamily[],
  dataLength: number,
  blockLength: number,
): { readonly data: Float64Array; readonly block: Float64Array } | undefined {
  if (dataLength < KERNEL_MEMORY_MIN_VALUES) return undefined;
  if (!families.some(prefersKernelMemory)) return undefined;
  const arrays = allocateKernelArrays([dataLength, blockLength]);
  return arrays === undefined ? undefined : { data: arrays[0], block: arrays[1] };
}

/**
 * The data of a fit whose passes run in this thread (`inThread`), placed in kernel memory before
 * anything reads it when a family prefers kernel memory (the Gaussians) and the data is large
 * enough: `prepareData` copies it natively and checks it and its column ranges in one
 * WebAssembly pass, which then stand in for the finite check, the Gaussian families' range
 * check (both loops over every value in JavaScript, slow in a fresh process's first fit) and
 * the later copy into kernel memory. The fit gives the same bits as on X. Otherwise (also when
 * the fit's block of `blockRows x k` values would not fit the scratch prepared data keeps beside
 * its rows, where a second copy would follow), and with missing cells allowed, X as given.
 */
export function placedBeforeChecks(
  X: MatrixInput,
  families: readonly AnyComponentFamily[],
  missing: MissingPolicy,
  inThread: boolean,
  blockRows: number,
): MatrixInput {
  if (!inThread || missing !== 'error' || isPreparedData(X)) return X;
  if (!families.some(prefersKernelMemory) || !kernelMemoryAvailable()) return X;
  // Shape only (checking the values is prepareData's).
  const matrix = toMatrix(X, { checkFinite: false });
  const blockLength = Math.min(blockRows, matrix.rows) * families.length;
  if (matrix.data.length < KERNEL_MEMORY_MIN_VALUES || blockLength > PREPARED_SCRATCH_VALUES) {
    return matrix;
  }
  return prepareData(matrix);
}
