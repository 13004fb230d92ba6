import { assertInteger } from '@mixkit/core';
import { EXP_TABLE } from '../expNonPositive.js';
import { kernelCompilationEnabled, kernelCompilationGeneration } from '../kernelCompilation.js';
import { boundsBinary } from './boundsBinary.js';
import { denseBinary } from './denseBinary.js';
import { distancesBinary } from './distancesBinary.js';
import { kernelsBinary } from './kernelsBinary.js';
import { nearestBinary } from './nearestBinary.js';
import { scanBinary } from './scanBinary.js';

/**
 * WebAssembly SIMD versions of the hottest kernels (diagonal Mahalanobis distances and moments,
 * the E-step's normalisation, squared distances to centres), for data placed in kernel memory.
 *
 * WebAssembly reads only its own linear memory, and copying a block of rows in for every call
 * costs as much as the arithmetic it saves, so the SIMD path runs only when the operands
 * already live in one kernel memory: `allocateKernelArrays` hands out such arrays and the
 * kernels find their instance from the arrays' buffer. Each allocation gets its own memory of
 * fixed size, so it never grows and its views are never detached. The first 64 KiB of every
 * kernel memory is scratch for a call's small operands (a mean, precisions, moment sums, row
 * outputs), ending with a copy of expNonPositive's table.
 *
 * Everything else falls back to the JavaScript loops, which do the same floating-point
 * operations in the same order (no fused multiply-add, same summation order), so results are
 * bit-identical either way. Compiling WebAssembly needs 'wasm-unsafe-eval' under a
 * Content-Security-Policy; a refusal (or a runtime without SIMD) is remembered and the
 * JavaScript loops run. `setKernelCompilation(false)` turns this off too.
 */

/**
 * What kernels.wat, distances.wat, dense.wat, nearest.wat, bounds.wat and scan.wat export (pointers are byte offsets, strides in
 * elements).
 */
export interface KernelExports {
  mahalanobisDiagonal(
    x: number,
    rows: number,
    d: number,
    mean: number,
    precisions: number,
    out: number,
    outStride: number,
    scale: number,
    shift: number,
    nanValue: number,
  ): void;
  expNonPositive(x: number): number;
  squaredDistances(
    x: number,
    rows: number,
    d: number,
    ct: number,
    k: number,
    xn: number,
    cn: number,
    out: number,
    outStride: number,
    spare: number,
  ): void;
  softmaxRows(
    block: number,
    rows: number,
    k: number,
    logWeights: number,
    floor: number,
    rowWeights: number,
    hasRowWeights: number,
    totals: number,
    rowOut: number,
    keptList: number,
  ): number;
  logSumExpRows(
    block: number,
    rows: number,
    k: number,
    logWeights: number,
    floor: number,
    rowOut: number,
    keptList: number,
  ): number;
  momentsDiagonal(
    x: number,
    rows: number,
    d: number,
    weights: number,
    weightStride: number,
    shift: number,
    c: number,
    S: number,
    list: number,
    total0: number,
  ): number;
  mahalanobisFull(
    x: number,
    rows: number,
    d: number,
    mean: number,
    u: number,
    out: number,
    outStride: number,
    scale: number,
    shift: number,
    nanValue: number,
    z: number,
    q: number,
    uStride: number,
  ): void;
  momentsFull(
    x: number,
    rows: number,
    d: number,
    weights: number,
    weightStride: number,
    shift: number,
    c: number,
    S: number,
    panel: number,
    capacity: number,
    total0: number,
  ): number;
  boundsFilter(
    first: number,
    rows: number,
    labels: number,
    upper: number,
    lower: number,
    radius: number,
    half: number,
    scale: number,
    shift: number,
    list: number,
  ): number;
  boundsSearch(
    list: number,
    count: number,
    x: number,
    d: number,
    xn: number,
    ct: number,
    k2: number,
    cn: number,
    labels: number,
    upper: number,
    lower: number,
    radius: number,
    shift: number,
    error: number,
    weights: number,
    sums: number,
    totals: number,
    churn: number,
  ): number;
  boundsMove(
    rows: number,
    labels: number,
    upper: number,
    lower: number,
    shifts: number,
    largest: number,
    largestIndex: number,
    second: number,
  ): void;
  lloydRows(
    x: number,
    rows: number,
    d: number,
    xn: number,
    ct: number,
    k2: number,
    cn: number,
    labels: number,
    weights: number,
    sums: number,
    totals: number,
  ): number;
  finiteColumnRanges(x: number, rows: number, cols: number, min: number, max: number): number;
  screenRows(
    x: number,
    d: number,
    rows: number,
    index: number,
    ct: number,
    k4: number,
    cn: number,
    radius: number,
    cmax: number,
    alpha: number,
    values: number,
    best: number,
    upper: number,
    lower: number,
    xn: number,
    radius64: number,
    cmax64: number,
    c32: number,
    roots: number,
    ambiguous: number,
    prev: number,
  ): number;
}

/** One kernel memory's instance and its scratch for a call's operands. */
export interface WasmKernels {
  readonly exports: KernelExports;
  /** Small operands (a mean, precisions, moment sums, row outputs): doubles from byte 0. */
  readonly scratch: Float64Array;
  /**
   * Operands of the O(d²) kernels (a padded triangular factor, a d x d scatter, row panels):
   * `DENSE_SCRATCH_BYTES` from byte `SCRATCH_BYTES`, so `dense[i]` is at byte SCRATCH_BYTES + 8i.
   */
  readonly dense: Float64Array;
}

const PAGE_BYTES = 65_536;
/** The first page of each kernel memory: small operands, then expNonPositive's table. */
const SCRATCH_BYTES = PAGE_BYTES;
/**
 * Then scratch for the dense kernels' operands: a d x d factor or scatter (padded to 4
 * columns) and a panel of rows, which fits d up to about 300. Untouched pages cost no memory.
 */
export const DENSE_SCRATCH_BYTES = 16 * PAGE_BYTES;
/**
 * Bytes past the last array: the SIMD kernels may read a pair of doubles that straddles the
 * end of a row (the lane past the row is masked), so no read can leave the memory.
 */
const TAIL_BYTES = 64;
/** Where kernels.wat reads expNonPositive's table (its global $expTable): 1280 doubles. */
const EXP_TABLE_AT = SCRATCH_BYTES - EXP_TABLE.length * 8;
/** 32-bit WebAssembly addresses at most 65,536 pages (4 GiB). */
const MAX_PAGES = 65_536;

/**
 * The six modules (each under the 4 KiB a page's main thread may compile synchronously);
 * undefined: not tried yet; null: unavailable here (no WebAssembly, no SIMD, or refused).
 */
let compiled: readonly WebAssembly.Module[] | null | undefined;
/** The compilation generation `compiled` was tried in (a refusal is retried after a reset). */
let compiledGeneration = -1;
const instances = new WeakMap<ArrayBufferLike, WasmKernels>();
const BINARIES = [
  kernelsBinary,
  distancesBinary,
  denseBinary,
  nearestBinary,
  boundsBinary,
  scanBinary,
] as const;

function kernelsModules(): readonly WebAssembly.Module[] | undefined {
  if (
    compiled === undefined ||
    (compiled === null && compiledGeneration !== kernelCompilationGeneration())
  ) {
    compiledGeneration = kernelCompilationGeneration();
    try {
      compiled = BINARIES.map(
        (base64) => new WebAssembly.Module(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))),
      );
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

/** The kernels' compiled modules, with the key of the binaries they were compiled from. */
export interface KernelModules {
  /** Names the binaries (a hash of their text): modules of other binaries are never adopted. */
  readonly key: string;
  /** The six compiled modules, in the order this package instantiates them. */
  readonly modules: readonly WebAssembly.Module[];
}

let binariesKey: string | undefined;

/** FNV-1a (32 bits) over the binaries' base64 text: equal keys, equal kernels. */
function kernelBinariesKey(): string {
  if (binariesKey === undefined) {
    let hash = 0x811c9dc5;
    for (const base64 of BINARIES) {
      for (let i = 0; i < base64.length; i++) {
        hash = Math.imul(hash ^ base64.charCodeAt(i), 0x01000193);
      }
    }
    binariesKey = `${BINARIES.length}:${(hash >>> 0).toString(16)}`;
  }
  return binariesKey;
}

/**
 * The SIMD kernels' compiled WebAssembly modules (compiled on the first call), or undefined
 * where they are unavailable (no SIMD, refused, or turned off). A worker pool posts them to its
 * workers, which `adoptKernelModules` instead of compiling the same bytes again (about 7-10 ms
 * of CPU per worker, measured on Node 20): a `WebAssembly.Module` crosses `postMessage` between
 * threads of one process (or one page and its workers) without being compiled again.
 */
export function compiledKernelModules(): KernelModules | undefined {
  if (!kernelCompilationEnabled()) return undefined;
  const modules = kernelsModules();
  return modules === undefined ? undefined : { key: kernelBinariesKey(), modules };
}

/**
 * Uses modules that `compiledKernelModules` gave in another thread, unless this thread has
 * compiled its own already or they were compiled from other binaries (another version of this
 * package): then it compiles its own when it first needs them, as without them.
 */
export function adoptKernelModules(kernels: KernelModules): void {
  if (compiled !== undefined || kernels.key !== kernelBinariesKey()) return;
  if (!kernels.modules.every((module) => module instanceof WebAssembly.Module)) return;
  compiled = kernels.modules;
  compiledGeneration = kernelCompilationGeneration();
}

/** Whether kernel memory can be allocated here (WebAssembly SIMD compiles and is not turned off). */
export function kernelMemoryAvailable(): boolean {
  return kernelCompilationEnabled() && kernelsModules() !== undefined;
}

/**
 * Zero-filled `Float64Array`s of the given lengths, all in one kernel memory, where the
 * SIMD kernels read and write them without copying; `undefined` when WebAssembly SIMD is not
 * available (or refused, or turned off with `setKernelCompilation(false)`) or the total
 * exceeds 4 GiB, in which case the caller uses ordinary arrays, with identical results.
 * The arrays are ordinary `Float64Array`s in every other respect, 16-byte aligned.
 *
 * The memory is new, or one that a finished user of this thread gave back
 * (`releaseKernelArrays`) and that is large enough: its pages are already mapped, where a new
 * memory's pages are mapped by the kernel at their first write, which on some machines costs
 * more than the work done on them (13 µs per 4 KiB page, 0.4 s for 10⁶ x 16 doubles, on the
 * bench's 2-core machine). The first `written` arrays are not zero-filled when the memory is
 * reused: the caller writes every value of them before reading any (a copy of the data).
 */
export function allocateKernelArrays(
  lengths: readonly number[],
  written = 0,
): Float64Array[] | undefined {
  for (const length of lengths) assertInteger(length, 'lengths', 0);
  if (!kernelCompilationEnabled()) return undefined;
  const modules = kernelsModules();
  if (modules === undefined) return undefined;
  const offsets: number[] = [];
  let bytes = SCRATCH_BYTES + DENSE_SCRATCH_BYTES;
  for (const length of lengths) {
    offsets.push(bytes);
    bytes += Math.ceil(length / 2) * 16;
  }
  const pages = Math.ceil((bytes + TAIL_BYTES) / PAGE_BYTES);
  if (pages > MAX_PAGES) return undefined;
  const reused = takeSpare(pages);
  if (reused !== undefined) {
    // Whatever the last user left: the scratch before the table and the dense scratch (whose
    // padding lanes the kernels read as zeros), and every array the caller does not overwrite.
    new Float64Array(reused, 0, EXP_TABLE_AT / 8).fill(0);
    new Float64Array(reused, SCRATCH_BYTES, DENSE_SCRATCH_BYTES / 8).fill(0);
    return lengths.map((length, i) => {
      const array = new Float64Array(reused, offsets[i], length);
      return i < written ? array : array.fill(0);
    });
  }
  let memory: WebAssembly.Memory;
  let exports: KernelExports;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const imports = { env: { memory, exp: Math.exp } };
    const created = modules.map((module) => new WebAssembly.Instance(module, imports));
    exports = Object.assign({}, ...created.map((instance) => instance.exports));
  } catch {
    // Out of memory or address space: ordinary arrays do the same work.
    return undefined;
  }
  const { buffer } = memory;
  // expNonPositive's table where kernels.wat reads it (it ends the scratch page exactly).
  new Float64Array(buffer, EXP_TABLE_AT, EXP_TABLE.length).set(EXP_TABLE);
  instances.set(buffer, {
    exports,
    scratch: new Float64Array(buffer, 0, EXP_TABLE_AT / 8),
    dense: new Float64Array(buffer, SCRATCH_BYTES, DENSE_SCRATCH_BYTES / 8),
  });
  return lengths.map((length, i) => new Float64Array(buffer, offsets[i], length));
}

/**
 * The kernel memory given back in this thread (the largest), held strongly (`hold`: a worker's
 * next session reuses it) or weakly (reused while the garbage collector has not taken it, so a
 * thread that fits no more keeps nothing).
 */
let spare: ArrayBuffer | WeakRef<ArrayBuffer> | undefined;

function spareBuffer(): ArrayBuffer | undefined {
  return spare instanceof WeakRef ? spare.deref() : spare;
}

/** The spare memory's buffer when it has at least `pages` pages (taken), else undefined. */
function takeSpare(pages: number): ArrayBuffer | undefined {
  const buffer = spareBuffer();
  if (buffer === undefined || buffer.byteLength < pages * PAGE_BYTES) return undefined;
  spare = undefined;
  return buffer;
}

/**
 * Gives back the kernel memory `array` lives in (from `allocateKernelArrays`) for this thread's
 * next allocation: its caller reads and writes none of that memory's arrays any more. Nothing
 * for any other array. Kept when it is at least as large as the memory already kept.
 */
export function giveBackKernelMemory(array: Float64Array, hold: boolean): void {
  const { buffer } = array;
  // Only unshared memory is kept; unlike `instanceof SharedArrayBuffer`, this test also runs in
  // a page without cross-origin isolation, where SharedArrayBuffer is not defined.
  if (!instances.has(buffer) || !(buffer instanceof ArrayBuffer)) return;
  const kept = spareBuffer();
  if (kept !== undefined && kept.byteLength > buffer.byteLength) return;
  spare = hold ? buffer : new WeakRef(buffer);
}

/** The kernels of the memory both arrays live in, or undefined (then run the JS loop). */
export function wasmKernelsFor(a: Float64Array, b: Float64Array): WasmKernels | undefined {
  const { buffer } = a;
  if (b.buffer !== buffer || !kernelCompilationEnabled()) return undefined;
  return instances.get(buffer);
}
