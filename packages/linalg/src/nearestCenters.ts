import { assertInteger, InvalidInputError, type Matrix } from '@mixkit/core';
import { checkLength, checkMatrix } from './internal/checks.js';
import {
  fusedBoundsMove,
  fusedHamerlyStep,
  fusedLloydStep,
  type HamerlyStep,
} from './internal/fusedSteps.js';
import {
  CHUNK_ROWS,
  FUSED_MAX_KD,
  type Fused,
  kernelLayout,
  placeRows,
  type Screen,
  shiftRows,
} from './internal/nearestCentersMemory.js';
import { squaredDistances } from './squaredDistances.js';
import { KernelArena } from './wasm/kernelArena.js';
import { kernelMemoryAvailable } from './wasm/wasmKernels.js';

/** Hamerly's bounds in the screen's kernel memory (`NearestCenters.hamerlyBounds`). */
export interface HamerlyBounds {
  /** Per row, an upper bound on the distance to its centre. */
  readonly upper: Float64Array;
  /** Per row, a lower bound on the distance to every other centre. */
  readonly lower: Float64Array;
}

/** The rows `NearestCenters.hamerlySearch` found with another label, in the order searched. */
export interface LabelChanges {
  /** Their row numbers. */
  readonly rows: Int32Array;
  /** Their nearest centres. */
  readonly labels: Int32Array;
}

/** Rows per block of exact (float64) distances. */
const EXACT_ROWS = 256;

/**
 * What a search writes besides labels, as screenRows' `roots` argument: no bounds, bounds on
 * squared distances (`nearest`), or on distances (`nearestDistances`).
 */
type BoundsKind = 0 | 1 | 2;
const NO_BOUNDS = 0;
const SQUARED = 1;
const ROOTS = 2;

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
  /** Number of centres searched (the rows of the centres matrix given to each call). */
  readonly k: number;
  private readonly X: Matrix;
  /**
   * Set when `X` is the rows as given and the rows searched are X − shift, never copied in
   * float64 (see `placeRows`): subtracted wherever a row is read, and `rows` makes the copy
   * only when asked for.
   */
  private readonly shift: Float64Array | undefined;
  private shiftedRows: Matrix | undefined;
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
  /** `hamerlySearch`'s changed rows and their labels (with the screen). */
  private readonly changes: LabelChanges | undefined;
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
   * `hamerlyStep`. `norms` (length n), when given without an offset (or with one and
   * `shiftedNorms`: they are then those of X − offset), are taken as the rows'
   * `rowSquaredNorms` values instead of computing them again (a k-means shard has them). With
   * both an offset and such norms, and the float32 screen, no float64 copy of X − offset is
   * made: the rows are shifted as the screen's copy is written and as the float64 searches read
   * them (the same values), and `rows` copies them only when it is read.
   * `arena` (from `kernelArena`): the kernel memory to take the search's arrays from, shared
   * with the other searches of the same thread; a memory of its own when omitted or full.
   */
  constructor(
    X: Matrix,
    k: number,
    options: {
      readonly offset?: Float64Array;
      readonly weights?: Float64Array;
      readonly norms?: Float64Array;
      readonly shiftedNorms?: boolean;
      readonly arena?: KernelArena | undefined;
    } = {},
  ) {
    checkMatrix(X, 'X');
    const { offset, weights, norms, arena, shiftedNorms = false } = options;
    if (offset !== undefined) checkLength(offset, X.cols, 'offset');
    if (weights !== undefined) checkLength(weights, X.rows, 'weights');
    if (norms !== undefined) checkLength(norms, X.rows, 'norms');
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
    const placed = placeRows(X, k, offset, weights, blockRows, norms, arena, shiftedNorms);
    this.X = placed.rows;
    this.shift = placed.shift;
    this.shiftedRows = placed.shift === undefined ? placed.rows : undefined;
    this.xNorms = placed.norms;
    this.radius = placed.radius;
    this.block = placed.block;
    this.blockDistances = placed.blockDistances;
    this.screen = placed.screen;
    this.fused = placed.fused;
    this.changes =
      placed.screen === undefined
        ? undefined
        : { rows: new Int32Array(CHUNK_ROWS), labels: new Int32Array(CHUNK_ROWS) };
  }

  /**
   * One kernel memory with room for the searches of k centres over blocks of `rows[s]` rows of
   * d columns each (e.g. the shards of rows one thread runs), for their constructors' `arena`:
   * one memory and one set of kernel instances for all of them (see `KernelArena`). Undefined
   * where there is no kernel memory (the searches then run in JavaScript, with the same labels)
   * or it would exceed 4 GiB (each search then gets a memory of its own).
   */
  static kernelArena(rows: readonly number[], d: number, k: number): KernelArena | undefined {
    assertInteger(d, 'd', 1);
    assertInteger(k, 'k', 1);
    if (!kernelMemoryAvailable()) return undefined;
    const lengths: number[] = [];
    for (const n of rows) {
      assertInteger(n, 'rows', 0);
      lengths.push(...kernelLayout(n, d, k, Math.min(EXACT_ROWS, Math.max(n, 1))));
    }
    return KernelArena.allocate(lengths);
  }

  /** The rows searched: X − offset (see the constructor; copied at the first read if not yet). */
  get rows(): Matrix {
    if (this.shiftedRows === undefined) {
      const { rows: n, cols: d, data } = this.X;
      const copy = new Float64Array(n * d);
      shiftRows(data, this.shift ?? new Float64Array(d), copy, 0, n * d);
      this.shiftedRows = { rows: n, cols: d, data: copy };
    }
    return this.shiftedRows;
  }

  /**
   * The rows as this search reads them: `rows` itself, or X as given when the search subtracts
   * `rowsShift` as it reads them (see the constructor). For a caller's own loops over the rows,
   * which then need no copy: x_ij − rowsShift[j] is the value `rows` would hold.
   */
  get rowsRead(): Matrix {
    return this.X;
  }

  /** What to subtract from `rowsRead`'s rows (undefined: nothing, they are `rows`). */
  get rowsShift(): Float64Array | undefined {
    return this.shift;
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

  /** The largest centre norm max_j ||c_j|| of the current centres (see `marginScale`). */
  get marginShift(): number {
    return this.maxCenterNorm;
  }

  /**
   * Whether a search for k centres in d dimensions will run the fused float64 steps
   * (`fusedLloyd`), known before any rows are placed: WebAssembly SIMD is available and k·d is
   * small. (A search over rows whose squared norms could overflow a kernel still falls back to
   * JavaScript, with the same labels.)
   */
  static fusesLloyd(k: number, d: number): boolean {
    return k * d <= FUSED_MAX_KD && kernelMemoryAvailable();
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
    return fusedLloydStep(fused, n, d, labels, sums, totals);
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
    const step = fusedHamerlyStep(fused, n, d, first, labels, halfGaps, sums, totals, churn, {
      marginScale: this.marginCoefficient,
      maxCenterNorm: this.maxCenterNorm,
      error: this.c64,
    });
    this.decidedRows += step.searched;
    this.exactRows += step.searched;
    return step;
  }

  /**
   * Hamerly's bound update after the centres moved by `shifts` (k): every upper bound grows by
   * its centre's shift, every lower bound shrinks by the largest shift of the other centres.
   * For the bounds of `hamerlyStep` (where `fusedLloyd` is true), or, given the rows' `labels`
   * (n), for those of `hamerlyBounds` (where `screened` is true); nothing to do (false) otherwise.
   */
  hamerlyCentersMoved(shifts: Float64Array, labels?: Int32Array): boolean {
    checkLength(shifts, this.k, 'shifts');
    const n = this.X.rows;
    const fused = this.fused;
    if (fused !== undefined) {
      fusedBoundsMove(fused, n, shifts);
      return true;
    }
    const bounds = this.screen?.bounds;
    if (bounds === undefined || labels === undefined) return false;
    checkLength(labels, n, 'labels');
    bounds.labels.set(labels);
    fusedBoundsMove(bounds, n, shifts);
    return true;
  }

  /** Most rows `unsettledRows` takes per call. */
  static readonly filterRows = CHUNK_ROWS;

  /**
   * Room for Hamerly's bounds on distances, n upper and n lower, in the screen's kernel memory
   * (where `screened` is true; undefined otherwise), for `unsettledRows` and
   * `hamerlyCentersMoved` to run in WebAssembly. The caller writes them (`nearestDistances`
   * into their subarrays) and keeps them.
   */
  get hamerlyBounds(): HamerlyBounds | undefined {
    return this.screen?.bounds;
  }

  /**
   * Hamerly's bound test over the rows [first, first + count) (count ≤ `filterRows`) in
   * WebAssembly (bounds.wat's branch-free filter), on the bounds in `hamerlyBounds`, with the
   * rows' `labels` (n) and `halfGaps` (k, half the distance from each centre to its nearest
   * other): a row is settled when L = max(lower, 2 halfGaps[label] − upper) > 0 and
   * L² > upper² + margin(row), as `HamerlyAssignment` tests it. Returns the row numbers of the
   * rows not settled, a view of kernel memory valid until the next call; undefined where
   * `screened` is false.
   */
  unsettledRows(
    labels: Int32Array,
    halfGaps: Float64Array,
    first: number,
    count: number,
  ): Int32Array | undefined {
    const bounds = this.screen?.bounds;
    if (bounds === undefined) return undefined;
    const n = this.X.rows;
    checkLength(labels, n, 'labels');
    checkLength(halfGaps, this.k, 'halfGaps');
    assertInteger(first, 'first', 0, n);
    assertInteger(count, 'count', 0, Math.min(CHUNK_ROWS, n - first));
    bounds.labels.set(labels.subarray(first, first + count), first);
    bounds.halfGaps.set(halfGaps);
    const at = (a: ArrayBufferView) => a.byteOffset;
    const listed = bounds.wasm.exports.boundsFilter(
      first,
      count,
      at(bounds.labels),
      at(bounds.upper),
      at(bounds.lower),
      at(bounds.radius),
      at(bounds.halfGaps),
      this.marginCoefficient,
      this.maxCenterNorm,
      at(bounds.list),
    );
    return bounds.list.subarray(0, listed);
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
    const bounds = upper !== undefined && lower !== undefined;
    this.search(rows, first, count, labels, upper, lower, bounds ? SQUARED : NO_BOUNDS);
  }

  /**
   * `nearest` with bounds on distances rather than squared distances: `upper[p]` and
   * `lower[p]` are the square roots (`Math.sqrt`, same bits) of what `nearest` writes, as
   * Hamerly's bounds keep them. In the screen, the roots are taken in WebAssembly as the rows
   * are decided, and the bounds of a chunk reach `upper` and `lower` by one copy.
   */
  nearestDistances(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
    upper: Float64Array,
    lower: Float64Array,
  ): void {
    this.search(rows, first, count, labels, upper, lower, ROOTS);
  }

  private search(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
    bounds: BoundsKind,
  ): void {
    this.decidedRows += count;
    const screen = this.screen;
    if (screen === undefined) {
      this.exactAll(rows, first, count, labels, upper, lower, bounds);
      return;
    }
    const { wasm, index, best, ambiguous, k4 } = screen;
    const d = this.X.cols;
    const cmax = this.maxCenterNorm;
    const alpha = Math.fround(2 * (this.c32 + this.c64) * 1.01);
    const cmax32 = Math.fround(cmax * (1 + 2 ** -20));
    const memory = (a: ArrayBufferView) => a.byteOffset;
    let gathered = 0;
    for (let start = 0; start < count; start += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, count - start);
      if (rows === null) for (let p = 0; p < m; p++) index[p] = first + start + p;
      else index.set(rows.subarray(start, start + m));
      // Decided rows get their label and bounds in the kernel (the bounds as the JavaScript
      // exact search would compute them from the screen's values: (xn + m) + c32·R², in the
      // same float64 operations); the others are listed and decided below.
      const undecided = wasm.exports.screenRows(
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
        memory(screen.upper),
        memory(screen.lower),
        memory(this.xNorms),
        memory(this.radius),
        cmax,
        this.c32,
        bounds,
        memory(ambiguous),
        0,
      );
      labels.set(best.subarray(0, m), start);
      if (upper !== undefined && lower !== undefined && bounds !== NO_BOUNDS) {
        upper.set(screen.upper.subarray(0, m), start);
        lower.set(screen.lower.subarray(0, m), start);
      }
      for (let a = 0; a < undecided; a++) {
        this.blockPositions[gathered++] = start + ambiguous[a];
        if (gathered === this.block.rows) {
          this.exactGathered(rows, first, gathered, labels, upper, lower, bounds, false);
          gathered = 0;
        }
      }
    }
    if (gathered > 0) {
      this.exactGathered(rows, first, gathered, labels, upper, lower, bounds, false);
    }
  }

  /**
   * Hamerly's search on the bounds in `hamerlyBounds` (where `screened` is true; undefined
   * otherwise): the rows `rows[0 .. count)` (ascending row numbers; or the range
   * [first, first + count)), count ≤ `filterRows`, get their nearest centre exactly as
   * `nearest` decides it, and fresh bounds on distances (as `nearestDistances` computes them)
   * written to `hamerlyBounds` at their row numbers. `labels` (n) are read, not written: returns
   * the rows whose nearest centre is not labels[row], in the order searched, and their nearest
   * centres (views valid until the next call), for the caller to move. The kernel writes the
   * bounds and compares the labels itself, so only the changed and the undecided rows come back
   * to JavaScript.
   */
  hamerlySearch(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
  ): LabelChanges | undefined {
    const screen = this.screen;
    const changes = this.changes;
    if (screen === undefined || changes === undefined) return undefined;
    const n = this.X.rows;
    checkLength(labels, n, 'labels');
    assertInteger(count, 'count', 0, CHUNK_ROWS);
    if (rows === null) assertInteger(first, 'first', 0, n - count);
    this.decidedRows += count;
    const { wasm, index, best, ambiguous, k4, bounds } = screen;
    if (count === 0)
      return { rows: changes.rows.subarray(0, 0), labels: changes.labels.subarray(0, 0) };
    if (rows === null) for (let p = 0; p < count; p++) index[p] = first + p;
    else index.set(rows.subarray(0, count));
    // The kernel compares with its copy of the labels of the rows' span.
    const low = index[0];
    const high = index[count - 1] + 1;
    bounds.labels.set(labels.subarray(low, high), low);
    const memory = (a: ArrayBufferView) => a.byteOffset;
    const cmax = this.maxCenterNorm;
    const listed = wasm.exports.screenRows(
      memory(screen.data),
      this.X.cols,
      count,
      memory(index),
      memory(screen.centersT),
      k4,
      memory(screen.centerNorms),
      memory(screen.radius),
      Math.fround(cmax * (1 + 2 ** -20)),
      Math.fround(2 * (this.c32 + this.c64) * 1.01),
      memory(screen.values),
      memory(best),
      memory(bounds.upper),
      memory(bounds.lower),
      memory(this.xNorms),
      memory(this.radius),
      cmax,
      this.c32,
      ROOTS,
      memory(ambiguous),
      memory(bounds.labels),
    );
    // The rows the screen left undecided, in float64 (labels into `best` by position).
    let gathered = 0;
    for (let e = 0; e < listed; e++) {
      const p = ambiguous[e];
      if (best[p] >= 0) continue;
      this.blockPositions[gathered++] = p;
      if (gathered === this.block.rows) {
        this.exactGathered(index, 0, gathered, best, bounds.upper, bounds.lower, ROOTS, true);
        gathered = 0;
      }
    }
    if (gathered > 0) {
      this.exactGathered(index, 0, gathered, best, bounds.upper, bounds.lower, ROOTS, true);
    }
    let changed = 0;
    for (let e = 0; e < listed; e++) {
      const p = ambiguous[e];
      const row = index[p];
      const label = best[p];
      if (label === labels[row]) continue;
      changes.rows[changed] = row;
      changes.labels[changed] = label;
      changed++;
    }
    return { rows: changes.rows.subarray(0, changed), labels: changes.labels.subarray(0, changed) };
  }

  /** Every listed row by the float64 kernel, in blocks (contiguous ranges without a copy). */
  private exactAll(
    rows: Int32Array | null,
    first: number,
    count: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
    bounds: BoundsKind,
  ): void {
    const blockRows = this.block.rows;
    for (let start = 0; start < count; start += blockRows) {
      const m = Math.min(blockRows, count - start);
      for (let p = 0; p < m; p++) this.blockPositions[p] = start + p;
      if (rows === null) {
        this.exactBlock(null, first, m, labels, upper, lower, bounds, false, false);
      } else {
        this.exactGathered(rows, first, m, labels, upper, lower, bounds, false);
      }
    }
  }

  /**
   * The rows at list positions `blockPositions[0 .. m)` by the float64 kernel (bounds at the
   * row numbers with `byRow`, else at the positions).
   */
  private exactGathered(
    rows: Int32Array | null,
    first: number,
    m: number,
    labels: Int32Array,
    upper: Float64Array | undefined,
    lower: Float64Array | undefined,
    bounds: BoundsKind,
    byRow: boolean,
  ): void {
    const d = this.X.cols;
    const x = this.X.data;
    const block = this.block.data;
    const shift = this.shift;
    for (let r = 0; r < m; r++) {
      const q = this.blockPositions[r];
      const row = rows === null ? first + q : rows[q];
      if (shift === undefined) block.set(x.subarray(row * d, row * d + d), r * d);
      else for (let t = 0; t < d; t++) block[r * d + t] = x[row * d + t] - shift[t];
      this.blockNorms[r] = this.xNorms[row];
    }
    this.exactBlock(rows, first, m, labels, upper, lower, bounds, true, byRow);
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
    bounds: BoundsKind,
    gathered: boolean,
    byRow: boolean,
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
      if (upper !== undefined && lower !== undefined && bounds !== NO_BOUNDS) {
        const row = rows === null ? first + q : rows[q];
        const R = this.radius[row] + cmax;
        const error = this.c64 * R * R;
        const high = bestValue + error;
        const low = Math.max(secondValue - error, 0);
        const at = byRow ? row : q;
        upper[at] = bounds === ROOTS ? Math.sqrt(high) : high;
        lower[at] = bounds === ROOTS ? Math.sqrt(low) : low;
      }
    }
  }
}
