import { giveBackKernelMemory } from '../wasm/wasmKernels.js';
import { forgetKernelScratch } from './kernelScratchBeside.js';

/**
 * Gives the kernel memory `array` lives in back to this thread, for the next
 * `allocateKernelArrays` or `prepareData` here that fits in it: a memory whose pages are
 * already mapped costs a fraction of a new one's (the kernel maps a new page at its first
 * write). Call it once, when nothing will read or write any array of that memory again (a fit's
 * own copy of its data, once the fit has its model); the next user overwrites it. The thread
 * keeps one such memory, the largest. By default it holds it weakly, so a thread that fits no
 * more keeps nothing once the garbage collector runs; `hold: true` keeps it until a larger one
 * replaces it (a pool's worker thread, which lives only as long as its pool keeps it, and whose
 * idle time between fits would otherwise let the collector take it).
 * Does nothing for an array that is not in kernel memory.
 */
export function releaseKernelArrays(
  array: Float64Array,
  options: { readonly hold?: boolean } = {},
): void {
  forgetKernelScratch(array);
  giveBackKernelMemory(array, options.hold ?? false);
}
