import { assertInteger } from '@mixkit/core';
import { releaseKernelArrays } from '../prepared/releaseKernelArrays.js';
import { allocateKernelArrays } from './wasmKernels.js';

/**
 * One kernel memory (see `allocateKernelArrays`) from which several users in one thread take
 * their arrays in turn, e.g. the nearest-centre searches of all the k-means shards a thread
 * runs: one `WebAssembly.Memory` and one set of kernel instances instead of one per shard.
 * Creating a memory costs about a millisecond and each has its own first page of scratch, so
 * a fit of 9 shards paid about 10 ms per thread for its memories alone (150,000 x 24, k = 12,
 * one thread), and one of 62 shards on 2 workers about 30 per worker.
 *
 * Arrays are handed out in order, zero-filled (never handed out twice), 16-byte aligned, and all share
 * one buffer, so the kernels find their instance from any of them (`wasmKernelsFor`).
 */
export class KernelArena {
  private next = 0;
  private released = false;

  private constructor(private readonly space: Float64Array) {}

  /**
   * An arena with room for every array of `lengths` (in any grouping of `take` calls), or
   * undefined where `allocateKernelArrays` gives none (no WebAssembly SIMD, turned off, or
   * beyond 4 GiB).
   */
  static allocate(lengths: readonly number[]): KernelArena | undefined {
    let total = 0;
    for (const length of lengths) {
      assertInteger(length, 'lengths', 0);
      total += paddedLength(length);
    }
    const arrays = allocateKernelArrays([total]);
    return arrays === undefined ? undefined : new KernelArena(arrays[0]);
  }

  /**
   * The next arrays of the given lengths, zero-filled, in the arena's kernel memory; undefined
   * (nothing taken) when the arena has no room left for all of them, or once it is released.
   */
  take(lengths: readonly number[]): Float64Array[] | undefined {
    let needed = 0;
    for (const length of lengths) {
      assertInteger(length, 'lengths', 0);
      needed += paddedLength(length);
    }
    if (this.released || this.next + needed > this.space.length) return undefined;
    const { buffer, byteOffset } = this.space;
    const arrays = lengths.map((length) => {
      const array = new Float64Array(buffer, byteOffset + this.next * 8, length);
      this.next += paddedLength(length);
      return array;
    });
    return arrays;
  }

  /**
   * Gives the arena's memory back to this thread (`releaseKernelArrays`) once no array taken
   * from it is used any more: the next arena or kernel memory here reuses its mapped pages
   * (`hold` as there). Only the first call gives it back: a second, after another user took
   * the memory, must not hand that user's memory out again.
   */
  release(options: { readonly hold?: boolean } = {}): void {
    if (this.released) return;
    this.released = true;
    releaseKernelArrays(this.space, options);
  }
}

/** A length rounded up to whole 16-byte pairs of doubles, as `allocateKernelArrays` lays out. */
function paddedLength(length: number): number {
  return Math.ceil(length / 2) * 2;
}
