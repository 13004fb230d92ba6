import { CHUNK_ROWS, type Fused, type KernelBounds } from './nearestCentersMemory.js';

/** What one `hamerlyStep` did. */
export interface HamerlyStep {
  /** Rows whose label changed. */
  readonly changed: number;
  /** Rows whose bounds did not settle their label, measured against every centre. */
  readonly searched: number;
}

/**
 * `NearestCenters.lloydStep` on its fused kernel memory: `lloydRows` of nearest.wat over the
 * n rows, in calls of `CHUNK_ROWS` (V8 replaces a WebAssembly function's baseline code with
 * optimised code only between calls, so one call would run a fresh process's whole first pass
 * slowly). Returns how many labels changed.
 */
export function fusedLloydStep(
  fused: Fused,
  n: number,
  d: number,
  labels: Int32Array,
  sums: Float64Array,
  totals: Float64Array,
): number {
  fused.labels.set(labels);
  fused.sums.fill(0);
  fused.totals.fill(0);
  let changed = 0;
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

/** The margin and error of `NearestCenters`' current centres, for `fusedHamerlyStep`. */
export interface BoundScales {
  /** margin(i) = marginScale · (radius_i + maxCenterNorm)². */
  readonly marginScale: number;
  readonly maxCenterNorm: number;
  /** The float64 values' error per (radius_i + maxCenterNorm)². */
  readonly error: number;
}

/**
 * `NearestCenters.hamerlyStep` on its fused kernel memory: per chunk of rows, bounds.wat's
 * branch-free filter lists the rows the bounds do not settle, and its search measures those
 * against every centre, updating labels, bounds and sums.
 */
export function fusedHamerlyStep(
  fused: Fused,
  n: number,
  d: number,
  first: boolean,
  labels: Int32Array,
  halfGaps: Float64Array,
  sums: Float64Array,
  totals: Float64Array,
  churn: Float64Array,
  scales: BoundScales,
): HamerlyStep {
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
  const { marginScale, maxCenterNorm, error } = scales;
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
      marginScale,
      maxCenterNorm,
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
      maxCenterNorm,
      error,
      at(fused.weights),
      at(fused.sums),
      at(fused.totals),
      at(fused.churn),
    );
  }
  labels.set(fused.labels);
  sums.set(fused.sums);
  totals.set(fused.totals);
  churn.set(fused.churn);
  return { changed, searched };
}

/**
 * `NearestCenters.hamerlyCentersMoved` on bounds in kernel memory (the fused kernels' or the
 * screen's): every upper bound grows by its centre's shift, every lower bound shrinks by the
 * largest shift of the other centres.
 */
export function fusedBoundsMove(fused: KernelBounds, n: number, shifts: Float64Array): void {
  let largest = 0;
  let largestIndex = -1;
  let second = 0;
  for (let j = 0; j < shifts.length; j++) {
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
}
