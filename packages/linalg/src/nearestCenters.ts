import { assertInteger, InvalidInputError, type Matrix } from '@mixkit/core';
import { checkLength, checkMatrix } from './internal/checks.js';
import { rowSquaredNorms, squaredDistances } from './squaredDistances.js';
import { allocateKernelArrays, type WasmKernels, wasmKernelsFor } from './wasm/wasmKernels.js';

/** Rows per call of the float32 screen. */
const CHUNK_ROWS = 4096;
/** Rows per block of exact (float64) distances. */
const EXACT_ROWS = 256;
/** Above this squared norm the float32 screen could overflow: every row is decided exactly. */
const SCREEN_MAX_SQUARED_NORM = 1e30;
/** Up to this k·d the fused float64 Lloyd step runs instead of the screen (see the constructor). */
const FUSED_MAX_KD = 128;
/** Above this squared norm (xn + cn could overflow) the fused step leaves rows to JavaScript. */
const FUSED_MAX_SQUARED_NORM = 1e300;

/** The float32 screen's kernel memory: typed views of one allocation. */
interface Screen {
  readonly wasm: WasmKernels;
  readonly data: Float32Array;
  readonly radius: Float32Array;
  readonly index: Int32Array;
  readonly best: Int32Array;
  readonly low: Float32Array;
  readonly second: Float32Array;
  readonly values: Float32Array;
  readonly centersT: Float32Array;
  readonly centerNorms: Float32Array;
  readonly k4: number;
}

/** The fused float64 Lloyd step's kernel memory (`lloydRows` in nearest.wat). */
interface Fused {
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
  /** Hamerly's bounds (`hamerlyStep`): upper, lower, ||x_i||, half the nearest-centre gaps. */
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  readonly radius: Float64Array;
  readonly halfGaps: Float64Array;
  readonly shifts: Float64Array;
  readonly churn: Float64Array;
  /** Row numbers of a chunk's rows that the bounds do not settle. */
  readonly list: Int32Array;
}

/** What one `hamerlyStep` did. */
export interface HamerlyStep {
  /** Rows whose label changed. */
  readonly changed: number;
  /** Rows whose bounds did not settle their label, measured against every centre. */
  readonly searched: number;
}

/**
 * Nearest centres of many rows, exactly as the argmin of `squaredDistances` (lowest index on
 * ties) decides them, but screened in float32 first: f32x4 SIMD has twice the lanes of
 * f64x2, so the screen runs about twice as fast as the float64 kernel, and only rows whose best
 * two centres are closer than the screen's rounding error can tell apart are measured again in
 * float64, with `squaredDistances` itself.
 *
 * Why that is exact: with R = ||x|| + max_j ||c_j||, the float32 value v_j of ||c_j||² − 2x·c_j
 * is within E32 = (d + 4)·1.01·2⁻²⁴·R² of the exact one (products and sums of d terms, each
 * rounding relatively by 2⁻²⁴; Higham, _Accuracy and Stability of Numerical Algorithms_, 2nd
 * ed., §3.1), and `squaredDistances`' float64 value within E64 = γ_{d+3}·R². A centre whose v
 * exceeds the least v by more than 2(E32 + E64) is therefore farther in float64 too; when only
 * one centre is within that margin it is the float64 argmin, and every other row goes to the
 * float64 kernel. The margin used, (d + 10)·2⁻²² R² plus the float64 term, is twice the bound.
 * On centred data about 0.1–1% of rows need the second look.
 *
 * Each call also returns bounds on the exact squared distances (an upper bound for the chosen
 * centre, a lower bound for all others), from which an accelerated k-means can skip rows by
 * the triangle inequality (Hamerly 2010) without ever disagreeing with Lloyd's labels.
 *
 * The object holds its kernel memory (a float32 copy of X and scratch) for the duration of a
 * fit; without WebAssembly SIMD every row is decided by the float64 JavaScript kernel, with the
 * same labels.
 */
export class NearestCenters {
  readonly k: number;
  private readonly X: Matrix;
  private readonly xNorms: Float64Array;
  /** ||x_i|| per row. */
  readonly radius: Float64Array;
  private readonly screen: Screen | undefined;
  private readonly fused: Fused | undefined;
  /** Exact search: gathered rows, their norms, their distances (kernel memory when possible). */
  private readonly block: Matrix;
  private readonly blockNorms: Float64Array;
  private readonly blockDistances: Float64Array;
  /** List positions of the gathered rows. */
  private readonly blockPositions: Int32Array;
  private centers: Matrix;
  private centerNorms: Float64Array;
  private maxCenterNorm: number;
  /** Error coefficients per R² of the float32 and float64 values (see the class comment). */
  private readonly c32: number;
  private readonly c64: number;
  private readonly marginCoefficient: number;
  /** Rows decided by the float64 kernel so far (the screen's misses and the range calls). */
  exactRows: number;
  /** Rows decided so far. */
  decidedRows: number;

  /**
   * Prepares the search over the rows of X − offset (n x d; `offset` of length d, zero when
   * omitted) for k centres given in the same frame. The shifted rows are `rows` (a copy, made
   * once, in kernel memory when the fused kernels run; X itself when there is no offset and no
   * kernel copy is needed) and their squared norms `rowNorms` (`rowSquaredNorms`, which
   * `squaredDistances` would use). `weights` (length n, default 1) are for `lloydStep` and
   * `hamerlyStep`.
   */
  constructor(
    X: Matrix,
    k: number,
    options: { readonly offset?: Float64Array; readonly weights?: Float64Array } = {},
  ) {
    checkMatrix(X, 'X');
    const { offset, weights } = options;
    if (offset !== undefined) checkLength(offset, X.cols, 'offset');
    if (weights !== undefined) checkLength(weights, X.rows, 'weights');
    assertInteger(k, 'k', 1);
    // Doubles from the first store: V8 keeps a field that holds small integers in a Smi
    // representation and changes it when a double or a count past 2^30 arrives, deprecating
    // the class's map and the optimized code of every function that saw an instance (a second
    // fit in one process ran at half speed until its functions were recompiled).
    this.maxCenterNorm = 0.5;
    this.maxCenterNorm = 0;
    this.exactRows = 0.5;
    this.exactRows = 0;
    this.decidedRows = 0.5;
    this.decidedRows = 0;
    const { rows: n, cols: d } = X;
    this.k = k;
    this.c32 = (d + 10) * 2 ** -23;
    this.c64 = (d + 4) * 2 ** -52;
    this.marginCoefficient = 2 * this.c64 + 64 * (d + 1) * 2 ** -52;
    const blockRows = Math.min(EXACT_ROWS, Math.max(n, 1));
    this.blockNorms = new Float64Array(blockRows);
    this.blockPositions = new Int32Array(blockRows);
    this.centers = { rows: 0, cols: d, data: new Float64Array(0) };
    this.centerNorms = new Float64Array(0);
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
      lengths.push(half(CHUNK_ROWS), half(CHUNK_ROWS), 2 * k4, half(d * k4), half(k4));
    }
    const arrays = allocateKernelArrays(lengths);
    const wasm = arrays === undefined ? undefined : wasmKernelsFor(arrays[0], arrays[0]);
    const kernel = arrays !== undefined && wasm !== undefined ? arrays : undefined;
    const f32 = (a: Float64Array, length: number) =>
      new Float32Array(a.buffer, a.byteOffset, length);
    const i32 = (a: Float64Array, length: number) => new Int32Array(a.buffer, a.byteOffset, length);
    // The shifted rows, written once: into kernel memory for the fused kernels, beside their
    // float32 copy for the screen (the same pass), or an ordinary copy when there is an offset.
    const by = offset ?? new Float64Array(d);
    const shifted = by.some((v) => v !== 0);
    const rowsData =
      kernel !== undefined && useFused ? kernel[2] : shifted ? new Float64Array(n * d) : X.data;
    const data32 = kernel !== undefined && !useFused ? f32(kernel[2], n * d) : undefined;
    const source = X.data;
    if (shifted) {
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let j = 0; j < d; j++) rowsData[o + j] = source[o + j] - by[j];
      }
    } else if (rowsData !== source) {
      rowsData.set(source);
    }
    // Float32Array.set rounds each double to the nearest float, as Math.fround does.
    data32?.set(rowsData);
    this.X = { rows: n, cols: d, data: rowsData };
    const norms = kernel !== undefined && useFused ? kernel[3] : new Float64Array(n);
    this.xNorms = rowSquaredNorms(this.X, norms);
    this.radius = new Float64Array(n);
    let largest = 0;
    for (let i = 0; i < n; i++) {
      this.radius[i] = Math.sqrt(this.xNorms[i]);
      if (!(this.xNorms[i] <= largest)) largest = this.xNorms[i];
    }
    // Guards against overflow (and the NaN of non-finite data): every row to the JavaScript
    // float64 kernel, which keeps Lloyd's labels whatever the values.
    const guard = useFused ? FUSED_MAX_SQUARED_NORM : SCREEN_MAX_SQUARED_NORM;
    if (kernel === undefined || wasm === undefined || !(largest <= guard)) {
      this.block = { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) };
      this.blockDistances = new Float64Array(blockRows * k);
      this.screen = undefined;
      this.fused = undefined;
      return;
    }
    // After the block and its distances: the rows and their norms (fused) or the float32 rows.
    const [block, distances] = kernel;
    const rest = kernel.slice(useFused ? 4 : 3);
    this.block = { rows: blockRows, cols: d, data: block };
    this.blockDistances = distances;
    if (useFused) {
      const [weightsCopy, labels, centersT, centerNorms, sums, totals] = rest;
      const [upper, lower, radius, halfGaps, shifts, churn, list] = rest.slice(6);
      if (weights === undefined) weightsCopy.fill(1);
      else weightsCopy.set(weights);
      radius.set(this.radius);
      this.fused = {
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
      this.screen = undefined;
    } else {
      const [radius, index, best, low, second, values, centersT, norms32] = rest;
      const screen: Screen = {
        wasm,
        data: data32 as Float32Array,
        radius: f32(radius, n),
        index: i32(index, CHUNK_ROWS),
        best: i32(best, CHUNK_ROWS),
        low: f32(low, CHUNK_ROWS),
        second: f32(second, CHUNK_ROWS),
        values: f32(values, 4 * k4),
        centersT: f32(centersT, d * k4),
        centerNorms: f32(norms32, k4),
        k4,
      };
      screen.radius.set(this.radius);
      this.screen = screen;
      this.fused = undefined;
    }
  }

  /** The rows searched: X − offset (see the constructor). */
  get rows(): Matrix {
    return this.X;
  }

  /** Their squared norms. */
  get rowNorms(): Float64Array {
    return this.xNorms;
  }

  /**
   * A margin on squared distances for bound-based pruning with the current centres: when a
   * lower bound L on row i's distance to every centre but c_a and an upper bound U on its
   * distance to c_a (both exact, in distance units) satisfy L² > U² + margin(i), Lloyd's label
   * of the row is a. It covers twice the float64 error of `squaredDistances`' values,
   * 2(d + 4)·2⁻⁵² R², plus 64(d + 1)·2⁻⁵² R² for the rounding a caller accumulates in its bounds
   * over many iterations (sums of centre shifts, each off by a few ulps), R = ||x_i|| + max ||c_j||.
   */
  margin(row: number): number {
    const R = this.radius[row] + this.maxCenterNorm;
    return this.marginCoefficient * R * R;
  }

  /**
   * `margin(row)` is marginScale · (radius[row] + marginShift)² for the current centres: the
   * two numbers, for a caller's loop over many rows.
   */
  get marginScale(): number {
    return this.marginCoefficient;
  }

  get marginShift(): number {
    return this.maxCenterNorm;
  }

  /** Whether `lloydStep` runs (WebAssembly SIMD available and k·d small, see the constructor). */
  get fusedLloyd(): boolean {
    return this.fused !== undefined;
  }

  /**
   * Lloyd's step over all rows in one WebAssembly pass: `labels` (length n) gets every row's
   * nearest centre exactly as `nearest` gives it, `sums` (k x d) the rows times their weights
   * summed per centre and `totals` (k) the weights, accumulated in row order (zero weights
   * skipped) as a plain loop does. Returns how many labels changed, or undefined (nothing
   * written) where `fusedLloyd` is false.
   */
  lloydStep(labels: Int32Array, sums: Float64Array, totals: Float64Array): number | undefined {
    const fused = this.fused;
    if (fused === undefined) return undefined;
    const { rows: n, cols: d } = this.X;
    checkLength(labels, n, 'labels');
    checkLength(sums, this.k * d, 'sums');
    checkLength(totals, this.k, 'totals');
    this.decidedRows += n;
    fused.labels.set(labels);
    fused.sums.fill(0);
    fused.totals.fill(0);
    let changed = 0;
    // Several calls, not one: V8 replaces a WebAssembly function's baseline code with optimised
    // code only between calls, so a fresh process would run the whole first pass slowly.
    for (let first = 0; first < n; first += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - first);
      changed += fused.wasm.exports.lloydRows(
        fused.data.byteOffset + first * d * 8,
        rows,
        d,
        fused.xNorms.byteOffset + first * 8,
        fused.centersT.byteOffset,
        fused.k2,
        fused.centerNorms.byteOffset,
        fused.labels.byteOffset + first * 4,
        fused.weights.byteOffset + first * 8,
        fused.sums.byteOffset,
        fused.totals.byteOffset,
      );
    }
    labels.set(fused.labels);
    sums.set(fused.sums);
    totals.set(fused.totals);
    return changed;
  }

  /**
   * One assignment pass of Hamerly's algorithm (see `HamerlyAssignment` in @mixkit/kmeans) in
   * WebAssembly, where `fusedLloyd` is true (undefined elsewhere): the bounds live here, a row
   * is skipped when they settle its label (the test of `margin`), and every other row is
   * measured against all centres exactly as `squaredDistances` does, which gives its label and
   * fresh bounds. `labels` (n) is updated, changed rows move between the centres' `sums` (k x
   * d) and `totals` (k) in row order, and their weights are added to `churn` (k) for both
   * centres. `halfGaps[j]` is half the distance from c_j to its nearest other centre. With
   * `first`, every row is searched and added to (zeroed) sums, as a recomputation would.
   */
  hamerlyStep(
    first: boolean,
    labels: Int32Array,
    halfGaps: Float64Array,
    sums: Float64Array,
    totals: Float64Array,
    churn: Float64Array,
  ): HamerlyStep | undefined {
    const fused = this.fused;
    if (fused === undefined) return undefined;
    const { rows: n, cols: d } = this.X;
    checkLength(labels, n, 'labels');
    checkLength(halfGaps, this.k, 'halfGaps');
    checkLength(sums, this.k * d, 'sums');
    checkLength(totals, this.k, 'totals');
    checkLength(churn, this.k, 'churn');
    if (first) {
      fused.labels.fill(-1);
      fused.lower.fill(0);
      fused.sums.fill(0);
      fused.totals.fill(0);
    } else {
      fused.sums.set(sums);
      fused.totals.set(totals);
    }
    fused.halfGaps.set(halfGaps);
    fused.churn.fill(0);
    const scale = this.marginCoefficient;
    const shift = this.maxCenterNorm;
    const { exports } = fused.wasm;
    const at = (a: ArrayBufferView) => a.byteOffset;
    let changed = 0;
    let searched = 0;
    for (let start = 0; start < n; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - start);
      const count = exports.boundsFilter(
        start,
        rows,
        at(fused.labels),
        at(fused.upper),
        at(fused.lower),
        at(fused.radius),
        at(fused.halfGaps),
        scale,
        shift,
        at(fused.list),
      );
      searched += count;
      changed += exports.boundsSearch(
        at(fused.list),
        count,
        at(fused.data),
        d,
        at(fused.xNorms),
        at(fused.centersT),
        fused.k2,
        at(fused.centerNorms),
        at(fused.labels),
        at(fused.upper),
        at(fused.lower),
        at(fused.radius),
        shift,
        this.c64,
        at(fused.weights),
        at(fused.sums),
        at(fused.totals),
        at(fused.churn),
      );
    }
    this.decidedRows += searched;
    this.exactRows += searched;
    labels.set(fused.labels);
    sums.set(fused.sums);
    totals.set(fused.totals);
    churn.set(fused.churn);
    return { changed, searched };
  }

  /**
   * Hamerly's bound update after the centres moved by `shifts` (k): every upper bound grows by
   * its centre's shift, every lower bound shrinks by the largest shift of the other centres.
   * For the bounds of `hamerlyStep`; nothing to do (false) where `fusedLloyd` is false.
   */
  hamerlyCentersMoved(shifts: Float64Array): boolean {
    const fused = this.fused;
    if (fused === undefined) return false;
    checkLength(shifts, this.k, 'shifts');
    let largest = 0;
    let largestIndex = -1;
    let second = 0;
    for (let j = 0; j < this.k; j++) {
      const p = shifts[j];
      if (p > largest) {
        second = largest;
        largest = p;
        largestIndex = j;
      } else if (p > second) {
        second = p;
      }
    }
    fused.shifts.set(shifts);
    const n = this.X.rows;
    for (let start = 0; start < n; start += CHUNK_ROWS) {
      fused.wasm.exports.boundsMove(
        Math.min(CHUNK_ROWS, n - start),
        fused.labels.byteOffset + start * 4,
        fused.upper.byteOffset + start * 8,
        fused.lower.byteOffset + start * 8,
        fused.shifts.byteOffset,
        largest,
        largestIndex,
        second,
      );
    }
    return true;
  }

  /** Whether the float32 screen runs (WebAssembly SIMD available and the data not huge). */
  get screened(): boolean {
    return this.screen !== undefined;
  }

  /** Sets the k centres (k x d, squared norms `centerNorms`) of the following calls. */
  setCenters(C: Matrix, centerNorms: Float64Array): void {
    checkMatrix(C, 'C');
    if (C.rows !== this.k || C.cols !== this.X.cols) {
      throw new InvalidInputError(
        { argument: 'C', value: `${C.rows}x${C.cols}` },
        `expected ${this.k} x ${this.X.cols} centres`,
      );
    }
    checkLength(centerNorms, this.k, 'centerNorms');
    this.centers = C;
    this.centerNorms = centerNorms;
    let largest = 0;
    for (let j = 0; j < this.k; j++) largest = Math.max(largest, centerNorms[j]);
    this.maxCenterNorm = Math.sqrt(largest);
    const fused = this.fused;
    if (fused !== undefined) {
      const { k2, centersT, centerNorms: norms } = fused;
      const d = C.cols;
      for (let j = 0; j < this.k; j++) {
        for (let t = 0; t < d; t++) centersT[t * k2 + j] = C.data[j * d + t];
        norms[j] = centerNorms[j];
      }
      // A padding centre (odd k) is never nearest: +Infinity distance, zero coordinates.
      for (let j = this.k; j < k2; j++) {
        for (let t = 0; t < d; t++) centersT[t * k2 + j] = 0;
        norms[j] = Number.POSITIVE_INFINITY;
      }
    }
    const screen = this.screen;
    if (screen === undefined) return;
    const { k4, centersT, centerNorms: norms } = screen;
    const d = C.cols;
    centersT.fill(0);
    for (let j = 0; j < this.k; j++) {
      for (let t = 0; t < d; t++) centersT[t * k4 + j] = C.data[j * d + t];
      norms[j] = centerNorms[j];
    }
    norms.fill(Number.POSITIVE_INFINITY, this.k, k4);
  }

  /**
   * For the rows `rows[0 .. count)` (row numbers; or the range [first, first + count) when
   * `rows` is null) writes `labels[p]`, the nearest centre of the p-th row exactly as the argmin
   * of `squaredDistances`' values decides it (lowest index on ties), and, when given,
   * `upper[p]` ≥ the row's exact squared distance to that centre and `lower[p]` ≤ its exact
   * squared distance to every other centre (+Infinity for k = 1).
   */
  nearest(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
    upper?: Float64Array,
    lower?: Float64Array,
  ): void {
    this.decidedRows += count;
    const screen = this.screen;
    if (screen === undefined) {
      this.exactAll(rows, first, count, labels, upper, lower);
      return;
    }
    const { wasm, index, best, low, second, k4 } = screen;
    const d = this.X.cols;
    const xNorms = this.xNorms;
    const cmax = this.maxCenterNorm;
    const alpha = Math.fround(2 * (this.c32 + this.c64) * 1.01);
    const cmax32 = Math.fround(cmax * (1 + 2 ** -20));
    const memory = (a: ArrayBufferView) => a.byteOffset;
    let gathered = 0;
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, count - start);
      if (rows === null) for (let p = 0; p < m; p++) index[p] = first + start + p;
      else index.set(rows.subarray(start, start + m));
      wasm.exports.screenRows(
        memory(screen.data),
        d,
        m,
        memory(index),
        memory(screen.centersT),
        k4,
        memory(screen.centerNorms),
        memory(screen.radius),
        cmax32,
        alpha,
        memory(screen.values),
        memory(best),
        memory(low),
        memory(second),
      );
      for (let p = 0; p < m; p++) {
        const q = start + p;
        const label = best[p];
        if (label >= 0) {
          labels[q] = label;
          if (upper !== undefined && lower !== undefined) {
            const row = index[p];
            const R = this.radius[row] + cmax;
            const error = this.c32 * R * R;
            upper[q] = xNorms[row] + low[p] + error;
            lower[q] = Math.max(xNorms[row] + second[p] - error, 0);
          }
          continue;
        }
        this.blockPositions[gathered++] = q;
        if (gathered === this.block.rows) {
          this.exactGathered(rows, first, gathered, labels, upper, lower);
          gathered = 0;
        }
      }
    }
    if (gathered > 0) this.exactGathered(rows, first, gathered, labels, upper, lower);
  }

  /** Every listed row by the float64 kernel, in blocks (contiguous ranges without a copy). */
  private exactAll(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
  ): void {
    const blockRows = this.block.rows;
    for (let start = 0; start < count; start += blockRows) {
      const m = Math.min(blockRows, count - start);
      for (let p = 0; p < m; p++) this.blockPositions[p] = start + p;
      if (rows === null) {
        this.exactBlock(null, first, m, labels, upper, lower);
      } else {
        this.exactGathered(rows, first, m, labels, upper, lower);
      }
    }
  }

  /** The rows at list positions `blockPositions[0 .. m)` by the float64 kernel. */
  private exactGathered(
    rows: Int32Array | null,
    first: number,
    m: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
  ): void {
    const d = this.X.cols;
    const x = this.X.data;
    const block = this.block.data;
    for (let r = 0; r < m; r++) {
      const q = this.blockPositions[r];
      const row = rows === null ? first + q : rows[q];
      block.set(x.subarray(row * d, row * d + d), r * d);
      this.blockNorms[r] = this.xNorms[row];
    }
    this.exactBlock(rows, first, m, labels, upper, lower, true);
  }

  /**
   * Distances of the m rows at list positions `blockPositions[0 .. m)` (gathered into the
   * block, or, when not `gathered`, consecutive rows of X from first + blockPositions[0]) by
   * `squaredDistances`, then each row's argmin and the bounds on its exact distances.
   */
  private exactBlock(
    rows: Int32Array | null,
    first: number,
    m: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
    gathered = false,
  ): void {
    const k = this.k;
    const out = this.blockDistances;
    if (gathered) {
      squaredDistances(this.block, 0, m, this.centers, out, this.blockNorms, this.centerNorms);
    } else {
      const start = first + this.blockPositions[0];
      squaredDistances(this.X, start, start + m, this.centers, out, this.xNorms, this.centerNorms);
    }
    this.exactRows += m;
    const cmax = this.maxCenterNorm;
    for (let r = 0; r < m; r++) {
      const q = this.blockPositions[r];
      const o = r * k;
      let label = 0;
      let bestValue = out[o];
      let secondValue = Number.POSITIVE_INFINITY;
      for (let j = 1; j < k; j++) {
        const value = out[o + j];
        if (value < bestValue) {
          secondValue = bestValue;
          bestValue = value;
          label = j;
        } else if (value < secondValue) {
          secondValue = value;
        }
      }
      labels[q] = label;
      if (upper !== undefined && lower !== undefined) {
        const row = rows === null ? first + q : rows[q];
        const R = this.radius[row] + cmax;
        const error = this.c64 * R * R;
        upper[q] = bestValue + error;
        lower[q] = Math.max(secondValue - error, 0);
      }
    }
  }
}
