/**
 * The scratch each prepared data set reserved in its kernel memory (`prepareData`), by the
 * memory's buffer. A weak map of lookups, not scratch itself: the memory belongs to the prepared
 * data and goes when it does.
 */
const reserved = new WeakMap<ArrayBufferLike, Float64Array>();

/** Records `scratch` as the reserve of the kernel memory `data` lives in (`prepareData`). */
export function reserveKernelScratch(data: Float64Array, scratch: Float64Array): void {
  reserved.set(data.buffer, scratch);
}

/**
 * A buffer of `length` doubles in the same kernel memory as `data` (prepared by `prepareData`),
 * so a kernel that needs both operands in one memory (the E-step's block beside the rows) runs
 * on prepared data without copying it; `undefined` when `data` was not prepared in kernel memory
 * or its reserve is shorter. Fits in one thread may share it: each block is written and read
 * within one synchronous call.
 */
export function kernelScratchBeside(data: Float64Array, length: number): Float64Array | undefined {
  const scratch = reserved.get(data.buffer);
  if (scratch === undefined || scratch.length < length) return undefined;
  return scratch.subarray(0, length);
}

/** Forgets the reserve of the kernel memory `data` lives in (the memory goes to another user). */
export function forgetKernelScratch(data: Float64Array): void {
  reserved.delete(data.buffer);
}
