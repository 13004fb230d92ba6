import type { AnyComponentFamily } from '@mixkit/core';
import { allocateKernelArrays, prefersKernelMemory } from '@mixkit/linalg';

/**
 * Data with fewer values stays where it is: a kernel memory costs ~25 µs to set up, and the
 * SIMD kernels save ~10 ns per row and component per pass (d = 16), so small data (and the
 * small batches of `OnlineMixture`) would pay more than they gain.
 */
export const KERNEL_MEMORY_MIN_VALUES = 65_536;

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
