import type { Matrix } from '@mixkit/core';
import { type LabelChanges, NearestCenters, squaredDistance } from '@mixkit/linalg';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { type CenterHalves, takeCenterHalves } from './centerHalves.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansSearchData } from './searchData.js';

/** Rows searched per call of the nearest-centre search (bounds the scratch to O(this)). */
const SEARCH_ROWS = 16_384;
/**
 * Without the screen's kernel memory (`boundRows`; with it there is no tightening, see
 * `boundRowsInKernel`): tightening a row's upper bound costs one O(d) distance, searching the
 * row against all k centres about k of them. Tightening pays when it settles more than about
 * 10/k of the rows it is tried on, so it is skipped while fewer than max(0.3, 12/k) of them
 * were then pruned (never for k ≤ 12).
 */
function tightenMinSuccess(k: number): number {
  return Math.max(0.3, 12 / k);
}
const TIGHTEN_RETRY = 8;
/** Rows of the first call of the bound test in a pass (see `assign`). */
const FIRST_ROWS = 64;
/** Slots of `tally`. */
const TIGHTENED = 0;
const TIGHTENED_SKIPS = 1;
const SEARCHED = 2;
const LISTED = 3;
const CHANGED = 4;
/** Above this share of rows searched, the next iterations skip the bound test (Lloyd's step). */
const LLOYD_STEP_SHARE = 0.85;

/**
 * Hamerly's (2010) exact accelerated assignment, "Making k-means even faster" (SDM 2010), with
 * the search of every row its bounds cannot settle done by the data's `NearestCenters` (a
 * float32 SIMD screen over all centres, float64 where it cannot tell), in blocks of rows.
 *
 * Each row keeps an upper bound u(i) on the distance to its center a(i) and one lower bound l(i)
 * on the distance to every other center. With s(j) half the distance from c_j to its nearest
 * other center, every other center is at least L = max(l(i), 2 s(a) − u(i)) away (triangle
 * inequality, Hamerly's Algorithm 1 and Elkan 2003, Lemma 1). A row is skipped when
 * L² > u(i)² + margin(i), where the margin (`NearestCenters.margin`) covers the rounding of
 * Lloyd's own distance values and of the bounds: a skipped row keeps exactly the label Lloyd's
 * argmin would give it. Otherwise, without the float32 screen, u(i) is tightened with one exact
 * distance and the test repeated (while that pays, see `tightenMinSuccess`; with the screen the
 * row is searched at once, see `boundRowsInKernel`); rows that still fail are searched
 * against all centers, which gives their label and fresh bounds. After the centers move by
 * p(j), u(i) grows by p(a(i)) and l(i) shrinks by the largest shift among the other centers.
 * The choice follows the pruning it observes: tightening runs only while it settles enough rows
 * (`tightenMinSuccess`), and while the bounds settle fewer than 15% of the rows the iterations
 * are Lloyd's step (every row searched in ranges, no list), which still counts the rows the
 * bounds would settle, so the bounds return in the first iteration where they prune.
 * Memory: two Float64Arrays of n, and O(`SEARCH_ROWS`) for searches.
 */
export class HamerlyAssignment implements AssignmentStrategy {
  readonly algorithm = 'hamerly';
  distanceComputations: number;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly halfMin: Float64Array;
  private readonly churn: Float64Array;
  private readonly list: Int32Array;
  private readonly found: Int32Array;
  private readonly foundUpper: Float64Array;
  private readonly foundLower: Float64Array;
  /** Counts of the bound test in the current pass (see `boundRows`). */
  private readonly tally = new Float64Array(5);
  private initialized = false;
  private tighten: boolean;
  private iteration = 0;
  /** Rows searched in the last iteration that tested the bounds (a share of n; 0 before). */
  searchedShare: number;

  constructor(
    private readonly data: KMeansSearchData,
    k: number,
  ) {
    const n = data.xNorms.length;
    this.tighten = tightenMinSuccess(k) < 1;
    // Doubles from the first store: V8 keeps a field that holds small integers in a Smi
    // representation and changes it when a double or a count past 2^30 arrives, deprecating
    // the class's map and the optimized code of every function that saw an instance (a second
    // fit in one process ran at half speed until its functions were recompiled).
    this.distanceComputations = 0.5;
    this.distanceComputations = 0;
    this.searchedShare = 0.5;
    this.searchedShare = 0;
    // With the float32 screen, the bounds live in its kernel memory, where its WebAssembly bound
    // test and update read them (`boundRows`, `centersMoved`).
    const kernelBounds = data.nearest.hamerlyBounds;
    // The list and the search's outputs serve the JavaScript bound test only (the screen lists
    // and searches in its kernel memory): 384 KB of fresh arrays per shard and run otherwise,
    // each fit of 150,000 rows allocating 18 sets (about 600 page faults).
    const listRows = kernelBounds === undefined ? Math.min(SEARCH_ROWS, n) : 0;
    this.upper = kernelBounds?.upper ?? new Float64Array(n);
    this.lower = kernelBounds?.lower ?? new Float64Array(n);
    this.halfMin = new Float64Array(k);
    this.churn = new Float64Array(k);
    this.list = new Int32Array(listRows);
    this.found = new Int32Array(listRows);
    this.foundUpper = new Float64Array(listRows);
    this.foundLower = new Float64Array(listRows);
  }

  assign(
    centers: Matrix,
    centerNorms: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
    halves?: CenterHalves,
  ): number {
    const { xNorms, nearest } = this.data;
    const n = xNorms.length;
    const k = centers.rows;
    const c = centers.data;
    nearest.setCenters(centers, centerNorms);
    if (nearest.fusedLloyd) return this.assignInKernel(centers, labels, sums, halves);
    if (!this.initialized) {
      this.initialized = true;
      const changed = this.searchAll(labels, undefined);
      this.distanceComputations += n * k;
      sums.recompute(labels);
      return changed;
    }
    this.iteration++;
    this.distanceComputations += takeCenterHalves(halves, centers, this.halfMin);
    // When the bounds settled almost no row in the last iteration, listing the rows they do not
    // settle costs more than it saves: this iteration is Lloyd's step (every row searched, in
    // ranges, which also renews every bound). It still counts the rows the bounds would have
    // settled (a test without the list, about a tenth of the search's time), so the first
    // iteration whose bounds would prune goes back to them: the early iterations, whose centres
    // move most, no longer hold Lloyd's step for TIGHTEN_RETRY iterations (measured on
    // overlapping clusters, 300,000 x 5, k = 40: 89% searched in the first bound test, 46% seven
    // iterations later).
    if (this.searchedShare > LLOYD_STEP_SHARE) {
      const settled = this.settledRows(labels);
      const changed = this.searchAll(labels, sums);
      this.distanceComputations += n * k;
      this.searchedShare = 1 - settled / n;
      sums.refreshIfDrifted(labels);
      return changed;
    }
    const tally = this.tally;
    tally.fill(0);
    if (nearest.hamerlyBounds !== undefined) {
      this.boundRowsInKernel(labels, sums);
    } else {
      // Two calls, the first over a few rows: its loop exits before V8 compiles the loop
      // on-stack. Code compiled before the loop's exit has run is cached for later entries and
      // deoptimizes at that exit on every call (measured: about one deoptimization per shard and
      // iteration).
      const split = Math.min(n, FIRST_ROWS);
      this.boundRows(0, split, c, labels, sums);
      this.boundRows(split, n, c, labels, sums);
    }
    const listed = tally[LISTED];
    let changed = tally[CHANGED];
    let searched = tally[SEARCHED];
    const tightened = tally[TIGHTENED];
    const tightenedSkips = tally[TIGHTENED_SKIPS];
    if (listed > 0) {
      changed += this.search(listed, labels, sums);
      searched += listed;
    }
    this.distanceComputations += tightened + searched * k;
    this.searchedShare = searched / n;
    // Once tightening stops paying it stays off, but is tried again every TIGHTEN_RETRY
    // iterations, as the centres settle and bounds get tighter.
    if (tightened > 0) this.tighten = tightenedSkips >= tightenMinSuccess(k) * tightened;
    else if (this.iteration % TIGHTEN_RETRY === 0) this.tighten = tightenMinSuccess(k) < 1;
    sums.refreshIfDrifted(labels);
    return changed;
  }

  /**
   * The bound test over rows [from, to): rows it settles are skipped, the others are listed
   * and searched whenever the list is full. Counts go to `tally` (tightened, settled by
   * tightening, searched, listed and not yet searched, labels changed).
   */
  private boundRows(
    from: number,
    to: number,
    c: Float64Array,
    labels: Int32Array,
    sums: ClusterSums,
  ): void {
    const { X, nearest } = this.data;
    const { cols: d, data: x } = X;
    const { upper, lower, halfMin, list, tally } = this;
    // The relative rounding of one difference-form distance (γ_{d+2}), to keep u an upper bound.
    const tightFactor = 1 + (d + 2) * 2 ** -52;
    let tightened = tally[TIGHTENED];
    let tightenedSkips = tally[TIGHTENED_SKIPS];
    let searched = tally[SEARCHED];
    let listed = tally[LISTED];
    let changed = tally[CHANGED];
    // The margin of row i (`NearestCenters.margin`), inlined: scale · (radius[i] + shift)².
    const { radius, marginScale, marginShift } = nearest;
    const tighten = this.tighten;
    for (let i = from; i < to; i++) {
      const a = labels[i];
      let u = upper[i];
      const l = lower[i];
      const r = radius[i] + marginShift;
      const margin = marginScale * r * r;
      const s = 2 * halfMin[a] - u;
      let bound = Math.max(l, s);
      if (bound > 0 && bound * bound > u * u + margin) continue;
      if (tighten) {
        u = Math.sqrt(squaredDistance(x, i * d, c, a * d, d) * tightFactor);
        upper[i] = u;
        tightened++;
        const t = 2 * halfMin[a] - u;
        bound = Math.max(l, t);
        if (bound > 0 && bound * bound > u * u + margin) {
          tightenedSkips++;
          continue;
        }
      }
      list[listed++] = i;
      if (listed === list.length) {
        changed += this.search(listed, labels, sums);
        searched += listed;
        listed = 0;
      }
    }
    tally[TIGHTENED] = tightened;
    tally[TIGHTENED_SKIPS] = tightenedSkips;
    tally[SEARCHED] = searched;
    tally[LISTED] = listed;
    tally[CHANGED] = changed;
  }

  /**
   * `boundRows` on the screen's kernel memory (where it runs): the bound test in WebAssembly
   * (`NearestCenters.unsettledRows`) lists a chunk's unsettled rows and they are searched
   * (`hamerlySearch`), without tightening. Tightening a listed row costs one exact distance in
   * JavaScript to its own centre, and with the rows in memory rather than cache that costs
   * about what the screen's search of the row does (the row's first read from memory is most
   * of both): on 1,000,000 x 32, k = 64, the tightening settled 25–56% of the rows it was tried
   * on, yet a fit without it took 16% less CPU in one thread (medians of 4, interleaved) and
   * 10–15% less per worker on 2 workers; 7% less on 60,000 x 96, k = 20; no change on
   * 300,000 x 5, k = 40. Labels, centres and inertia are the same either way (a row is settled
   * only when its label cannot change, and every other row is searched exactly).
   */
  private boundRowsInKernel(labels: Int32Array, sums: ClusterSums): void {
    const { nearest } = this.data;
    const { halfMin, tally } = this;
    const n = labels.length;
    for (let first = 0; first < n; first += NearestCenters.filterRows) {
      const count = Math.min(NearestCenters.filterRows, n - first);
      const listed = nearest.unsettledRows(labels, halfMin, first, count);
      if (listed === undefined) throw new Error('unreachable: hamerlyBounds without the screen');
      const found = nearest.hamerlySearch(listed, 0, listed.length, labels);
      if (found === undefined) throw new Error('unreachable: hamerlyBounds without the screen');
      tally[CHANGED] += applyChanges(found, labels, sums);
      tally[SEARCHED] += listed.length;
    }
  }

  /** How many rows the bound test (without tightening) would settle: `boundRows`' test. */
  private settledRows(labels: Int32Array): number {
    const { upper, lower, halfMin } = this;
    const { nearest } = this.data;
    const n = labels.length;
    if (nearest.hamerlyBounds !== undefined) {
      let unsettled = 0;
      for (let first = 0; first < n; first += NearestCenters.filterRows) {
        const count = Math.min(NearestCenters.filterRows, n - first);
        unsettled += nearest.unsettledRows(labels, halfMin, first, count)?.length ?? count;
      }
      return n - unsettled;
    }
    const { radius, marginScale, marginShift } = nearest;
    let settled = 0;
    for (let i = 0; i < labels.length; i++) {
      const u = upper[i];
      const r = radius[i] + marginShift;
      const bound = Math.max(lower[i], 2 * halfMin[labels[i]] - u);
      if (bound > 0 && bound * bound > u * u + marginScale * r * r) settled++;
    }
    return settled;
  }

  centersMoved(shifts: Float64Array, labels: Int32Array): void {
    if (this.data.nearest.hamerlyCentersMoved(shifts, labels)) return;
    // l(i) must drop by the largest shift of any center other than a(i): the largest overall,
    // or the second largest for the rows of the center that moved most.
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
    const { upper, lower } = this;
    for (let i = 0; i < upper.length; i++) {
      const a = labels[i];
      upper[i] += shifts[a];
      lower[i] -= a === largestIndex ? second : largest;
    }
  }

  /**
   * The same pass in WebAssembly (small k·d, see `NearestCenters.fusedLloyd`): the bound test,
   * the search of the rows it cannot settle and the moves between sums in one pass over the
   * rows, with the bounds kept in kernel memory. No tightening there: a search costs little
   * more than the tightening distance at such k·d.
   */
  private assignInKernel(
    centers: Matrix,
    labels: Int32Array,
    sums: ClusterSums,
    halves: CenterHalves | undefined,
  ): number {
    const { nearest, xNorms } = this.data;
    const first = !this.initialized;
    this.initialized = true;
    if (!first) this.distanceComputations += takeCenterHalves(halves, centers, this.halfMin);
    const step = nearest.hamerlyStep(
      first,
      labels,
      this.halfMin,
      sums.sums,
      sums.weights,
      this.churn,
    );
    if (step === undefined) throw new Error('unreachable: fusedLloyd without its kernels');
    if (first) sums.markRecomputed();
    else sums.addChurn(this.churn);
    this.distanceComputations += step.searched * centers.rows;
    this.searchedShare = step.searched / xNorms.length;
    sums.refreshIfDrifted(labels);
    return step.changed;
  }

  /**
   * Every row searched against every center, in ranges (no list): labels and fresh bounds, and
   * the changed rows moved between `sums` (or, without `sums`, the labels only: the first
   * iteration, whose sums are then computed from scratch). Returns how many labels changed.
   */
  private searchAll(labels: Int32Array, sums: ClusterSums | undefined): number {
    const { found, upper, lower } = this;
    const { nearest } = this.data;
    const n = labels.length;
    let changed = 0;
    if (nearest.hamerlyBounds !== undefined) {
      // The screen writes the bounds and reports only the changed rows.
      for (let first = 0; first < n; first += NearestCenters.filterRows) {
        const count = Math.min(NearestCenters.filterRows, n - first);
        const changes = nearest.hamerlySearch(null, first, count, labels);
        if (changes === undefined) throw new Error('unreachable: hamerlyBounds without the screen');
        changed += applyChanges(changes, labels, sums);
      }
      return changed;
    }
    for (let first = 0; first < n; first += found.length) {
      const count = Math.min(found.length, n - first);
      // The bounds go straight to their rows (one copy per chunk in the search).
      const end = first + count;
      nearest.nearestDistances(
        null,
        first,
        count,
        found,
        upper.subarray(first, end),
        lower.subarray(first, end),
      );
      for (let p = 0; p < count; p++) {
        const i = first + p;
        const previous = labels[i];
        const label = found[p];
        if (previous === label) continue;
        labels[i] = label;
        if (sums !== undefined) sums.move(i, previous, label);
        changed++;
      }
    }
    return changed;
  }

  /** Searches the listed rows against every center: labels, fresh bounds, moved sums. */
  private search(count: number, labels: Int32Array, sums: ClusterSums, list = this.list): number {
    const { found, foundUpper, foundLower, upper, lower } = this;
    this.data.nearest.nearestDistances(list, 0, count, found, foundUpper, foundLower);
    let changed = 0;
    for (let p = 0; p < count; p++) {
      const i = list[p];
      const label = found[p];
      upper[i] = foundUpper[p];
      lower[i] = foundLower[p];
      const previous = labels[i];
      if (previous !== label) {
        labels[i] = label;
        sums.move(i, previous, label);
        changed++;
      }
    }
    return changed;
  }
}

/**
 * Relabels the rows `changes.rows` (in order) with `changes.labels`, moving each between the
 * centres' sums when there are `sums` (the first iteration sums afterwards); returns how many.
 */
function applyChanges(
  changes: LabelChanges,
  labels: Int32Array,
  sums: ClusterSums | undefined,
): number {
  const { rows, labels: to } = changes;
  for (let e = 0; e < rows.length; e++) {
    const i = rows[e];
    if (sums !== undefined) sums.move(i, labels[i], to[e]);
    labels[i] = to[e];
  }
  return rows.length;
}
