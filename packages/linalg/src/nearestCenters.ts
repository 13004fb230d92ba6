import { assertInteger, InvalidInputError, type Matrix } from '@mixkit/core';
import { checkLength, checkMatrix } from './internal/checks.js';
import { squaredDistances } from './squaredDistances.js';
import { allocateKernelArrays, type WasmKernels, wasmKernelsFor } from './wasm/wasmKernels.js';

/** Rows per call of the float32 screen. */
const CHUNK_ROWS = 4096;
/** Rows per block of exact (float64) distances. */
const EXACT_ROWS = 256;
/** Above this squared norm the float32 screen could overflow: every row is decided exactly. */
const SCREEN_MAX_SQUARED_NORM = 1e30;

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
  private readonly radius: Float64Array;
  private readonly screen: Screen | undefined;
  /** Exact search: gathered rows, their norms, their distances (kernel memory when possible). */
  private readonly block: Matrix;
  private readonly blockNorms: Float64Array;
  private readonly blockDistances: Float64Array;
  /** List positions of the gathered rows. */
  private readonly blockPositions: Int32Array;
  private centers: Matrix;
  private centerNorms: Float64Array;
  private maxCenterNorm = 0;
  /** Error coefficients per R² of the float32 and float64 values (see the class comment). */
  private readonly c32: number;
  private readonly c64: number;
  /** Rows decided by the float64 kernel so far (the screen's misses and the range calls). */
  exactRows = 0;
  /** Rows decided so far. */
  decidedRows = 0;

  /**
   * Prepares the search over the rows of X (n x d; `xNorms` their squared norms from
   * `rowSquaredNorms`, which `squaredDistances` would use) for k centres.
   */
  constructor(X: Matrix, xNorms: Float64Array, k: number) {
    checkMatrix(X, 'X');
    checkLength(xNorms, X.rows, 'xNorms');
    assertInteger(k, 'k', 1);
    const { rows: n, cols: d } = X;
    this.X = X;
    this.xNorms = xNorms;
    this.k = k;
    this.c32 = (d + 10) * 2 ** -23;
    this.c64 = (d + 4) * 2 ** -52;
    this.radius = new Float64Array(n);
    let largest = 0;
    for (let i = 0; i < n; i++) {
      this.radius[i] = Math.sqrt(xNorms[i]);
      if (!(xNorms[i] <= largest)) largest = xNorms[i];
    }
    const blockRows = Math.min(EXACT_ROWS, Math.max(n, 1));
    const k4 = 4 * Math.ceil(k / 4);
    const arrays =
      largest <= SCREEN_MAX_SQUARED_NORM
        ? allocateKernelArrays([
            Math.ceil((n * d) / 2),
            Math.ceil(n / 2),
            CHUNK_ROWS / 2,
            CHUNK_ROWS / 2,
            CHUNK_ROWS / 2,
            CHUNK_ROWS / 2,
            2 * k4,
            Math.ceil((d * k4) / 2),
            k4 / 2,
            blockRows * d,
            blockRows * k,
          ])
        : undefined;
    if (arrays === undefined) {
      this.screen = undefined;
      this.block = { rows: blockRows, cols: d, data: new Float64Array(blockRows * d) };
      this.blockDistances = new Float64Array(blockRows * k);
    } else {
      const f32 = (a: Float64Array, length: number) =>
        new Float32Array(a.buffer, a.byteOffset, length);
      const i32 = (a: Float64Array) => new Int32Array(a.buffer, a.byteOffset, CHUNK_ROWS);
      const [data, radius, index, best, low, second, values, centersT, norms, block, distances] =
        arrays as [
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
          Float64Array,
        ];
      const wasm = wasmKernelsFor(data, data);
      if (wasm === undefined) throw new Error('unreachable: kernel arrays without kernels');
      const screen: Screen = {
        wasm,
        data: f32(data, n * d),
        radius: f32(radius, n),
        index: i32(index),
        best: i32(best),
        low: f32(low, CHUNK_ROWS),
        second: f32(second, CHUNK_ROWS),
        values: f32(values, 4 * k4),
        centersT: f32(centersT, d * k4),
        centerNorms: f32(norms, k4),
        k4,
      };
      screen.data.set(X.data);
      screen.radius.set(this.radius);
      this.screen = screen;
      this.block = { rows: blockRows, cols: d, data: block };
      this.blockDistances = distances;
    }
    this.blockNorms = new Float64Array(blockRows);
    this.blockPositions = new Int32Array(blockRows);
    this.centers = { rows: 0, cols: d, data: new Float64Array(0) };
    this.centerNorms = new Float64Array(0);
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
