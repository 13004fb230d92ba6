import { assertInteger } from '@mixkit/core';
import { kernelCompilationEnabled } from '../kernelCompilation.js';
import { allocateKernelArrays, wasmKernelsFor } from './wasmKernels.js';

/**
 * One kernel memory (see `allocateKernelArrays`) from which several users in one thread take
 * their arrays in turn, e.g. the nearest-centre searches of all the k-means shards a thread
 * runs: one `WebAssembly.Memory` and one set of kernel instances instead of one per shard.
 * Creating a memory costs about a millisecond and each has its own first page of scratch, so
 * a fit of 9 shards paid about 10 ms per thread for its memories alone (150,000 x 24, k = 12,
 * one thread), and one of 62 shards on 2 workers about 30 per worker.
 *
 * Arrays are handed out in order, zero-filled, 16-byte aligned, and all share one buffer, so
 * the kernels find their instance from any of them (`wasmKernelsFor`).
 *
 * An arena whose user is done with every array it took may be `release`d: its memory is then
 * kept (weakly: the next full garbage collection may free it) for the next `allocate` of the
 * thread that fits in it, which zero-fills what it takes instead of touching fresh pages. On a
 * machine where the first touch of a page costs about 13 µs (a fresh 4 KiB page of a virtual
 * machine's guest), the 20 MB of a k-means fit of 150,000 x 24 cost about 65 ms of CPU in page
 * faults per fit; filling pages already mapped costs about 1 ms (0.4–1.4 ms measured).
 */
export class KernelArena {
  private next = 0;
  private released = false;

  private constructor(
    /** The part of the memory this arena hands out: exactly what `allocate` was asked for. */
    private readonly space: Float64Array,
    /** All of the memory, which `release` passes on (it may be more than `space`). */
    private readonly whole: Float64Array,
    /** The memory was an earlier arena's: its arrays are zero-filled as they are taken. */
    private readonly reused: boolean,
  ) {}

  /**
   * An arena with room for every array of `lengths` (in any grouping of `take` calls), or
   * undefined where `allocateKernelArrays` gives none (no WebAssembly SIMD, turned off, or
   * beyond 4 GiB). It is the memory of the arena released last in this thread when that one
   * is still there and has room.
   */
  static allocate(lengths: readonly number[]): KernelArena | undefined {
    let total = 0;
    for (const length of lengths) {
      assertInteger(length, 'lengths', 0);
      total += paddedLength(length);
    }
    const kept = spare?.deref();
    spare = undefined;
    if (
      kept !== undefined &&
      kept.length >= total &&
      kernelCompilationEnabled() &&
      wasmKernelsFor(kept, kept) !== undefined
    ) {
      return new KernelArena(kept.subarray(0, total), kept, true);
    }
    const arrays = allocateKernelArrays([total]);
    return arrays === undefined ? undefined : new KernelArena(arrays[0], arrays[0], false);
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
      if (this.reused) array.fill(0);
      this.next += paddedLength(length);
      return array;
    });
    return arrays;
  }

  /**
   * Says that no array taken from this arena will be read or written again: its memory may go
   * to the next arena this thread allocates (see the class). Releasing twice is harmless; an
   * arena takes nothing once released.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    // One memory kept, the last released: a thread runs one fit's searches at a time.
    spare = new WeakRef(this.whole);
  }
}

/** The memory of the arena released last in this thread, until a collection frees it. */
let spare: WeakRef<Float64Array> | undefined;

/** A length rounded up to whole 16-byte pairs of doubles, as `allocateKernelArrays` lays out. */
function paddedLength(length: number): number {
  return Math.ceil(length / 2) * 2;
}
