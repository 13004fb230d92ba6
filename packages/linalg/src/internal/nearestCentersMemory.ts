import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms } from '../squaredDistances.js';
import type { KernelArena } from '../wasm/kernelArena.js';
import { allocateKernelArrays, type WasmKernels, wasmKernelsFor } from '../wasm/wasmKernels.js';

/** Rows per call of the float32 screen and of the fused kernels. */
export const CHUNK_ROWS = 4096;
/** Above this squared norm the float32 screen could overflow: every row is decided exactly. */
const SCREEN_MAX_SQUARED_NORM = 1e30;
/** Up to this k·d the fused float64 Lloyd step runs instead of the screen (see the constructor). */
export const FUSED_MAX_KD = 128;
/** Above this squared norm (xn + cn could overflow) the fused step leaves rows to JavaScript. */
const FUSED_MAX_SQUARED_NORM = 1e300;

/** The float32 screen's kernel memory: typed views of one allocation. */
export interface Screen {
  readonly wasm: WasmKernels;
  readonly data: Float32Array;
  readonly radius: Float32Array;
  readonly index: Int32Array;
  readonly best: Int32Array;
  /** Bounds of the decided rows of a chunk (float64, by position). */
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  /** Positions of a chunk's rows the screen could not decide. */
  readonly ambiguous: Int32Array;
  readonly values: Float32Array;
  readonly centersT: Float32Array;
  readonly centerNorms: Float32Array;
  readonly k4: number;
  /** Hamerly's bounds for the rows (see `NearestCenters.hamerlyBounds`). */
  readonly bounds: KernelBounds;
}

/**
 * Hamerly's bounds in kernel memory, where bounds.wat's filter and update read them: labels,
 * upper and lower bounds (distances) and ||x_i|| per row, half the nearest-centre gaps and the
 * centre shifts per centre, and the list of a chunk's rows the bounds do not settle.
 */
export interface KernelBounds {
  readonly wasm: WasmKernels;
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly radius: Float64Array;
  readonly halfGaps: Float64Array;
  readonly shifts: Float64Array;
  readonly list: Int32Array;
}

/** The fused float64 Lloyd step's kernel memory (`lloydRows` in nearest.wat). */
export interface Fused extends KernelBounds {
  readonly wasm: WasmKernels;
  readonly data: Float64Array;
  readonly xNorms: Float64Array;
  readonly weights: Float64Array;
  readonly labels: Int32Array;
  readonly centersT: Float64Array;
  readonly centerNorms: Float64Array;
  readonly sums: Float64Array;
  readonly totals: Float64Array;
  readonly k2: number;
  readonly churn: Float64Array;
}

/** What `placeRows` set up: the shifted rows, their norms and, with WebAssembly, kernel memory. */
export interface PlacedRows {
  /** The shifted rows, or, with `shift`, X itself (the shifted rows are X − shift, not copied). */
  readonly rows: Matrix;
  /**
   * Set when `rows` is X as given and the search subtracts this offset wherever it reads a row
   * (only with the screen, whose float32 copy is written shifted; see `placeRows`).
   */
  readonly shift: Float64Array | undefined;
  readonly norms: Float64Array;
  /** ||x_i|| per row. */
  readonly radius: Float64Array;
  /** Scratch for the float64 searches (in kernel memory when there is one). */
  readonly block: Matrix;
  readonly blockDistances: Float64Array;
  readonly screen: Screen | undefined;
  readonly fused: Fused | undefined;
}

/**
 * The lengths (in doubles) of the kernel arrays `placeRows` lays out for n rows of d columns
 * and k centres with `blockRows` rows of float64 search scratch (see `placeRows`), in order.
 */
export function kernelLayout(n: number, d: number, k: number, blockRows: number): number[] {
  // Small k·d: the float64 kernel's dot products cost little next to the per-row work, and
  // the fused Lloyd step (one pass: assign and sum) beats the screen; large k·d: the screen.
  const useFused = k * d <= FUSED_MAX_KD;
  const k2 = 2 * Math.ceil(k / 2);
  const k4 = 4 * Math.ceil(k / 4);
  const half = (length: number) => Math.ceil(length / 2);
  const lengths = [blockRows * d, blockRows * k];
  if (useFused) {
    lengths.push(n * d, n, n, half(n), d * k2, k2, k * d, k);
    lengths.push(n, n, n, k, k, k, half(CHUNK_ROWS));
  } else {
    lengths.push(half(n * d), half(n), half(CHUNK_ROWS), half(CHUNK_ROWS));
    // screenRows' scratch (`values`): a transposed tile of 8 rows and six vectors.
    lengths.push(CHUNK_ROWS, CHUNK_ROWS, 4 * d + 12, half(d * k4), half(k4));
    // The rows' float64 norms and radii, read by screenRows for the bounds, and the list of
    // rows it cannot decide.
    lengths.push(n, n, half(CHUNK_ROWS));
    // Hamerly's bounds: labels, upper, lower, half gaps, shifts, the list of unsettled rows.
    lengths.push(half(n), n, n, k, k, half(CHUNK_ROWS));
  }
  return lengths;
}

/**
 * The rows of X − offset placed for `NearestCenters` with k centres: one kernel memory holding
 * either the fused float64 kernels' operands (small k·d: the shifted rows themselves, their
 * norms, weights, labels, sums and Hamerly's bounds) or the float32 screen's (a float32 copy of
 * the rows and its outputs), plus a block of `blockRows` rows for float64 searches. The arrays
 * come from `arena` when it has room (several searches of one thread in one memory), else from
 * a memory of their own. Without WebAssembly, or for data whose squared norms could overflow a
 * kernel, ordinary arrays. `givenNorms` are the rows' squared norms: of X when there is no
 * offset, of X − offset when `normsOfShifted` (otherwise they are computed again).
 */
export function placeRows(
  X: Matrix,
  k: number,
  offset: Float64Array | undefined,
  weights: Float64Array | undefined,
  blockRows: number,
  givenNorms?: Float64Array,
  arena?: KernelArena,
  normsOfShifted = false,
): PlacedRows {
  const { rows: n, cols: d } = X;
  const useFused = k * d <= FUSED_MAX_KD;
  const k2 = 2 * Math.ceil(k / 2);
  const k4 = 4 * Math.ceil(k / 4);
  const lengths = kernelLayout(n, d, k, blockRows);
  const arrays = arena?.take(lengths) ?? allocateKernelArrays(lengths);
  const wasm = arrays === undefined ? undefined : wasmKernelsFor(arrays[0], arrays[0]);
  const kernel = arrays !== undefined && wasm !== undefined ? arrays : undefined;
  const f32 = (a: Float64Array, length: number) => new Float32Array(a.buffer, a.byteOffset, length);
  const i32 = (a: Float64Array, length: number) => new Int32Array(a.buffer, a.byteOffset, length);
  const by = offset ?? new Float64Array(d);
  const shifted = by.some((v) => v !== 0);
  const source = X.data;
  // Norms a caller already has are copied or used as they are (with an offset, only when they
  // are said to be the shifted rows' own); the kernels read them from kernel memory (array 3 of
  // the fused layout, 11 of the screen's).
  const normsOut = kernel === undefined ? undefined : useFused ? kernel[3] : kernel[11];
  const haveNorms = givenNorms !== undefined && (!shifted || normsOfShifted);
  // With the screen, shifted rows whose norms are known need no float64 copy: the float32 copy
  // is written from x − offset directly, and the float64 searches of the few rows the screen
  // leaves subtract the offset as they gather them, the same values as a copy's (see `shift`).
  const deferShift = shifted && haveNorms && kernel !== undefined && !useFused;
  // The shifted rows, written once: into kernel memory for the fused kernels, or an ordinary
  // copy when there is an offset (unless deferred).
  const rowsData =
    kernel !== undefined && useFused
      ? kernel[2]
      : shifted && !deferShift
        ? new Float64Array(n * d)
        : source;
  if (shifted && !deferShift) {
    shiftRows(source, by, rowsData, 0, n * d);
  } else if (rowsData !== source) {
    rowsData.set(source);
  }
  const rows: Matrix = { rows: n, cols: d, data: rowsData };
  let norms: Float64Array;
  if (givenNorms !== undefined && haveNorms) {
    norms = normsOut ?? givenNorms;
    if (normsOut !== undefined) normsOut.set(givenNorms);
  } else {
    norms = rowSquaredNorms(rows, normsOut ?? new Float64Array(n));
  }
  // ||x_i||: in kernel memory, where bounds.wat or screenRows read it (array 12 in both layouts).
  const radius = kernel === undefined ? new Float64Array(n) : kernel[12];
  const largest = rowRadii(norms, radius);
  // Guards against overflow (and the NaN of non-finite data): every row to the JavaScript
  // float64 kernel, which keeps Lloyd's labels whatever the values.
  const guard = useFused ? FUSED_MAX_SQUARED_NORM : SCREEN_MAX_SQUARED_NORM;
  if (kernel === undefined || wasm === undefined || !(largest <= guard)) {
    const copy = deferShift ? new Float64Array(n * d) : rowsData;
    if (deferShift) shiftRows(source, by, copy, 0, n * d);
    return {
      rows: deferShift ? { rows: n, cols: d, data: copy } : rows,
      shift: undefined,
      norms,
      radius,
      block: { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) },
      blockDistances: new Float64Array(blockRows * k),
      screen: undefined,
      fused: undefined,
    };
  }
  const [blockData, blockDistances] = kernel;
  const block: Matrix = { rows: blockRows, cols: d, data: blockData };
  if (useFused) {
    const [, , , , weightsCopy, labels, centersT, centerNorms, sums, totals] = kernel;
    const [upper, lower, , halfGaps, shifts, churn, list] = kernel.slice(10);
    if (weights === undefined) weightsCopy.fill(1);
    else weightsCopy.set(weights);
    const fused: Fused = {
      wasm,
      data: rowsData,
      xNorms: norms,
      weights: weightsCopy,
      labels: i32(labels, n),
      centersT,
      centerNorms,
      sums,
      totals,
      k2,
      upper,
      lower,
      radius,
      halfGaps,
      shifts,
      churn,
      list: i32(list, CHUNK_ROWS),
    };
    return {
      rows,
      shift: undefined,
      norms,
      radius,
      block,
      blockDistances,
      screen: undefined,
      fused,
    };
  }
  const [, , data32, radius32, index, best, upper, lower, values, centersT, norms32] = kernel;
  const screen: Screen = {
    wasm,
    data: f32(data32, n * d),
    radius: f32(radius32, n),
    index: i32(index, CHUNK_ROWS),
    best: i32(best, CHUNK_ROWS),
    upper,
    lower,
    ambiguous: i32(kernel[13], CHUNK_ROWS),
    values: f32(values, 8 * d + 24),
    centersT: f32(centersT, d * k4),
    centerNorms: f32(norms32, k4),
    k4,
    bounds: {
      wasm,
      labels: i32(kernel[14], n),
      upper: kernel[15],
      lower: kernel[16],
      radius,
      halfGaps: kernel[17],
      shifts: kernel[18],
      list: i32(kernel[19], CHUNK_ROWS),
    },
  };
  // Float32Array.set rounds each double to the nearest float, as Math.fround does; so does a
  // store of x − offset into it, of the double a shifted copy would hold.
  if (deferShift) shiftRows(source, by, screen.data, 0, n * d);
  else screen.data.set(rowsData);
  screen.radius.set(radius);
  const shift = deferShift ? by : undefined;
  return { rows, shift, norms, radius, block, blockDistances, screen, fused: undefined };
}

/**
 * out[t] = x[t] − offset[t mod d] for t in [start, end) (start a multiple of d), in the double
 * arithmetic of every copy of shifted rows, stored as `out` stores (rounded to float32 for a
 * Float32Array). A leaf function ending with its loop, so that V8 optimizes it on-stack early
 * in a fresh process (see `rowRadii`).
 */
export function shiftRows(
  x: Float64Array,
  offset: Float64Array,
  out: Float64Array | Float32Array,
  start: number,
  end: number,
): void {
  const d = offset.length;
  for (let o = start; o < end; o += d) {
    for (let j = 0; j < d; j++) out[o + j] = x[o + j] - offset[j];
  }
}

/**
 * radius[i] = √norms[i] for every row; returns the largest norm (NaN when a norm is NaN). A
 * function of its own: in a fresh process a loop is optimized on-stack only once its whole
 * function is compiled, and inside `placeRows` this loop ran its 150,000 rows (9 shards of
 * 16,667) almost all in the interpreter, boxing every square root (7 MB of garbage in the first
 * k-means fit); alone it is optimized within the first shard.
 */
function rowRadii(norms: Float64Array, radius: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < norms.length; i++) {
    radius[i] = Math.sqrt(norms[i]);
    if (!(norms[i] <= largest)) largest = norms[i];
  }
  return largest;
}
