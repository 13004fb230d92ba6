import type { Matrix } from '@mixkit/core';
import { squaredDistance, squaredDistances } from '@mixkit/linalg';
import { BLOCK_ROWS } from './assign.js';
import type { AssignmentStrategy } from './assignmentStrategy.js';
import { type CenterHalves, takeCenterHalves } from './centerHalves.js';
import type { ClusterSums } from './clusterSums.js';
import type { KMeansSearchData } from './searchData.js';
import { type CenterGroups, groupCenters } from './yinyangGroups.js';

/** Rows whose label the bounds leave within rounding, searched together by `NearestCenters`. */
const LIST_ROWS = 4096;
/** Rows of a pass's first chunk (see `boundedPass`). */
const FIRST_CHUNK = 64;
/**
 * Above this share of Lloyd's distances computed in a bounded pass, the next iterations are
 * Lloyd's step (every row searched by `NearestCenters`, no bound test; every group bound
 * becomes the search's lower bound) until the bounds are tried again, every `RETRY` iterations.
 */
const LLOYD_STEP_SHARE = 0.6;
const RETRY = 8;
/**
 * A distance measured in JavaScript costs about this many distances of the SIMD search
 * (`NearestCenters.nearest`): CPU time per distance computed, Yinyang measuring every centre it
 * could not rule out against Hamerly searching its rows, on 60,000 x 96 blobs, k = 20 (README).
 */
const JS_DISTANCE_COST = 4;

/** Ding et al.'s number of groups, t ≈ k/10 (at least 1). */
export function yinyangGroupCount(k: number): number {
  return Math.max(1, Math.round(k / 10));
}

/**
 * Yinyang k-means' exact assignment (Ding et al. 2015, "Yinyang K-Means: A Drop-In Replacement
 * of the Classic K-Means with Consistent Speedup", ICML): the centres are split once into t
 * groups of nearby centres (`groupCenters`), and each row keeps an upper bound u(i) on its
 * distance to its centre a and one lower bound l(i, g) per group on its distance to every centre
 * of g other than a. After the centres move, u(i) grows by a's shift and l(i, g) shrinks by the
 * largest shift in g (§3.2), so t bounds sit between Hamerly's one (t = 1) and Elkan's k.
 *
 * A row is settled by the global filter when min_g l(i, g) (or Hamerly's 2 s(a) − u) exceeds u,
 * first with u as it is and then with u tightened to the exact distance; otherwise each group
 * whose bound exceeds u is skipped (the group filter), and in every other group the centres
 * that Elkan's Lemma 1 (d(x, c_j) ≥ 2·½d(c_a, c_j) − u) cannot rule out are measured (the local
 * filter), which also renews the group bounds.
 *
 * Exactly Lloyd's labels: every comparison that settles a label requires a gap of more than
 * `NearestCenters.margin` (twice the float64 error of Lloyd's own distance values, plus the
 * rounding the bounds accumulate), as in `HamerlyAssignment`. A row whose measured best centre
 * is not ahead of every other measured one by that margin is left to `NearestCenters.nearest`,
 * which decides it as the argmin of `squaredDistances` does; its bounds become that search's.
 * The first iteration takes every distance from `squaredDistances` itself, whose argmin is
 * Lloyd's label by definition, to set every group bound; when the bounds settle little (more
 * than `LLOYD_STEP_SHARE` of Lloyd's distances computed), the next iterations are Lloyd's step
 * through `NearestCenters`, as in `HamerlyAssignment`.
 * Memory: n·(t + 1) doubles of bounds, O(k² + `BLOCK_ROWS`·k) scratch.
 */
export class YinyangAssignment implements AssignmentStrategy {
  readonly algorithm = 'yinyang';
  distanceComputations: number;
  /** Share of Lloyd's distances the last bounded pass computed, searches included (0 before). */
  computedShare: number;
  private readonly t: number;
  private groups: CenterGroups | undefined;
  private upper: Float64Array;
  private lower: Float64Array;
  private readonly halfMin: Float64Array;
  private readonly halfPairs: Float64Array;
  private readonly groupDrift: Float64Array;
  private readonly scratch: Float64Array;
  private readonly groupLow: Float64Array;
  private readonly groupLowIndex: Int32Array;
  private readonly groupSecond: Float64Array;
  private readonly examined: Uint8Array;
  private readonly list: Int32Array;
  private readonly found: Int32Array;
  private readonly foundUpper: Float64Array;
  private readonly foundLower: Float64Array;
  private iteration = 0;
  /** Rows listed for `searchListed` in the current chunk, and labels changed in it. */
  private listed = 0;
  private changedInChunk = 0;

  constructor(
    private readonly data: KMeansSearchData,
    private readonly k: number,
    groups = yinyangGroupCount(k),
  ) {
    const n = data.X.rows;
    // Doubles from the first store (see `HamerlyAssignment`: a Smi field turning double
    // deprecates the class's map and the optimized code that saw it).
    this.distanceComputations = 0.5;
    this.distanceComputations = 0;
    this.computedShare = 0.5;
    this.computedShare = 0;
    this.t = Math.max(1, Math.min(groups, k));
    this.groups = undefined;
    this.upper = new Float64Array(0);
    this.lower = new Float64Array(0);
    this.halfMin = new Float64Array(k);
    this.halfPairs = new Float64Array(k * k);
    this.groupDrift = new Float64Array(this.t);
    this.scratch = new Float64Array(Math.min(BLOCK_ROWS, Math.max(n, 1)) * k);
    this.groupLow = new Float64Array(this.t);
    this.groupLowIndex = new Int32Array(this.t);
    this.groupSecond = new Float64Array(this.t);
    this.examined = new Uint8Array(this.t);
    const listRows = Math.min(LIST_ROWS, Math.max(n, 1));
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
    const { X, nearest } = this.data;
    const n = X.rows;
    const k = this.k;
    nearest.setCenters(centers, centerNorms);
    let groups = this.groups;
    if (groups === undefined) {
      groups = groupCenters(centers, this.t);
      this.groups = groups;
      // Bounds are allocated at the first assignment (with the number of groups formed).
      this.upper = new Float64Array(n);
      this.lower = new Float64Array(n * groups.count);
      // Every group bound exact from the start, at about twice the cost of a screened search
      // (which would give every group the same bound: measured, the group filter then saves
      // nothing over Hamerly's bound).
      const changed = this.fullPass(centers, centerNorms, labels);
      this.distanceComputations += n * k;
      sums.recompute(labels);
      return changed;
    }
    this.iteration++;
    if (this.computedShare > LLOYD_STEP_SHARE && this.iteration % RETRY !== 0) {
      const changed = this.searchAll(labels, sums);
      this.distanceComputations += n * k;
      sums.refreshIfDrifted(labels);
      return changed;
    }
    this.distanceComputations += takeCenterHalves(halves, centers, this.halfMin, this.halfPairs);
    const changed = this.boundedPass(centers, groups, labels, sums);
    sums.refreshIfDrifted(labels);
    return changed;
  }

  centersMoved(shifts: Float64Array, labels: Int32Array): void {
    const groups = this.groups;
    if (groups === undefined) return;
    const { upper, lower, groupDrift } = this;
    const t = groups.count;
    groupDrift.fill(0);
    for (let j = 0; j < this.k; j++) {
      const g = groups.groupOf[j];
      if (shifts[j] > groupDrift[g]) groupDrift[g] = shifts[j];
    }
    const n = upper.length;
    for (let i = 0; i < n; i++) {
      upper[i] += shifts[labels[i]];
      const base = i * t;
      for (let g = 0; g < t; g++) lower[base + g] -= groupDrift[g];
    }
  }

  /**
   * One pass with the filters (see the class comment), in chunks of `LIST_ROWS` rows: rows left
   * within rounding are listed and searched by `NearestCenters` after their chunk. Returns how
   * many labels changed.
   */
  private boundedPass(
    centers: Matrix,
    groups: CenterGroups,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    const n = this.data.X.rows;
    let changed = 0;
    let computed = 0;
    let searched = 0;
    // The first chunk is short so that the loop's exit runs before V8 compiles the loop
    // on-stack: code compiled before its exit has run is cached for later entries and
    // deoptimizes at that exit on every call (measured: 10x slower passes).
    for (
      let from = 0, to = Math.min(n, FIRST_CHUNK);
      from < n;
      from = to, to = Math.min(n, to + LIST_ROWS)
    ) {
      computed += this.boundedRows(from, to, centers.data, groups, labels, sums);
      changed += this.changedInChunk;
      if (this.listed > 0) changed += this.searchListed(this.listed, labels, sums);
      searched += this.listed;
      this.listed = 0;
    }
    this.distanceComputations += computed;
    this.computedShare = (computed + searched * this.k) / (n * this.k);
    return changed;
  }

  /**
   * Rows [from, to) through the filters: settled rows get their labels, bounds and moved sums
   * (their count in `changedInChunk`), rows within rounding are appended to `list`. Returns the
   * distances computed.
   */
  private boundedRows(
    from: number,
    to: number,
    c: Float64Array,
    groups: CenterGroups,
    labels: Int32Array,
    sums: ClusterSums,
  ): number {
    const { X, nearest } = this.data;
    const { cols: d, data: x } = X;
    const k = this.k;
    const t = groups.count;
    const { start, members, groupOf } = groups;
    const { upper, lower, halfMin, halfPairs, groupLow, groupLowIndex, groupSecond, examined } =
      this;
    const { radius, marginScale, marginShift } = nearest;
    // The relative rounding of one difference-form distance (γ_{d+2}), applied to a measured
    // distance to get a bound on either side of the exact one.
    const high = 1 + (d + 2) * 2 ** -52;
    const low = 1 - (d + 2) * 2 ** -52;
    const searchLimit = k / JS_DISTANCE_COST;
    let computed = 0;
    let changed = 0;
    for (let i = from; i < to; i++) {
      const a = labels[i];
      let u = upper[i];
      const r = radius[i] + marginShift;
      const margin = marginScale * r * r;
      const base = i * t;
      let lowest = lower[base];
      for (let g = 1; g < t; g++) lowest = Math.min(lowest, lower[base + g]);
      // Global filter, with u as it is, then with u tightened to the exact distance.
      let bound = Math.max(lowest, 2 * halfMin[a] - u);
      if (bound > 0 && bound * bound > u * u + margin) continue;
      const xo = i * d;
      const measured = Math.sqrt(squaredDistance(x, xo, c, a * d, d));
      computed++;
      u = measured * high;
      upper[i] = u;
      bound = Math.max(lowest, 2 * halfMin[a] - u);
      if (bound > 0 && bound * bound > u * u + margin) continue;
      const limit = u * u + margin;
      // The group filter: which groups can hold a nearer centre, and how many centres they
      // have. Measuring those one by one in JavaScript costs about `JS_DISTANCE_COST` times a
      // distance in the SIMD search of the row against all k centres, so rows with more are
      // listed for that search instead (its bounds are then the same for every group).
      let open = 0;
      for (let g = 0; g < t; g++) {
        const l = lower[base + g];
        if (l > 0 && l * l > limit) {
          examined[g] = 0;
        } else {
          examined[g] = 1;
          open += start[g + 1] - start[g];
        }
      }
      if (open > searchLimit) {
        this.list[this.listed++] = i;
        continue;
      }
      // Group and local filters: measure the centres no bound rules out. Ties between
      // measured centres are left to the search below (they are within the margin).
      let best = a;
      let bestDistance = measured;
      let runnerUp = Number.POSITIVE_INFINITY;
      for (let g = 0; g < t; g++) {
        if (examined[g] === 0) continue;
        let first = Number.POSITIVE_INFINITY;
        let firstIndex = -1;
        let second = Number.POSITIVE_INFINITY;
        for (let m = start[g]; m < start[g + 1]; m++) {
          const j = members[m];
          let value = measured * low;
          if (j !== a) {
            const ruled = 2 * halfPairs[a * k + j] - u;
            if (ruled > 0 && ruled * ruled > limit) {
              value = ruled;
            } else {
              const distance = Math.sqrt(squaredDistance(x, xo, c, j * d, d));
              computed++;
              value = distance * low;
              if (distance < bestDistance) {
                runnerUp = Math.min(runnerUp, bestDistance * low);
                best = j;
                bestDistance = distance;
              } else {
                runnerUp = Math.min(runnerUp, value);
              }
            }
          }
          if (value < first) {
            second = first;
            first = value;
            firstIndex = j;
          } else {
            second = Math.min(second, value);
          }
        }
        groupLow[g] = first;
        groupLowIndex[g] = firstIndex;
        groupSecond[g] = second;
      }
      const bestHigh = bestDistance * high;
      if (!(runnerUp > 0 && runnerUp * runnerUp > bestHigh * bestHigh + margin)) {
        // Within rounding of another centre: `NearestCenters` decides, as Lloyd's argmin does.
        this.list[this.listed++] = i;
        continue;
      }
      upper[i] = bestHigh;
      const ga = groupOf[a];
      for (let g = 0; g < t; g++) {
        if (examined[g] === 1) {
          lower[base + g] = groupLowIndex[g] === best ? groupSecond[g] : groupLow[g];
        }
      }
      if (best !== a) {
        // a joins the centres its group's bound must cover (when that group was skipped).
        if (examined[ga] === 0) lower[base + ga] = Math.min(lower[base + ga], measured * low);
        labels[i] = best;
        sums.move(i, a, best);
        changed++;
      }
    }
    this.changedInChunk = changed;
    return computed;
  }

  /** Searches the listed rows with `NearestCenters`: labels, bounds (all groups alike), sums. */
  private searchListed(count: number, labels: Int32Array, sums: ClusterSums): number {
    const { list, found, foundUpper, foundLower, upper, lower } = this;
    const t = this.groups === undefined ? 1 : this.groups.count;
    this.data.nearest.nearest(list, 0, count, found, foundUpper, foundLower);
    this.distanceComputations += count * this.k;
    let changed = 0;
    for (let p = 0; p < count; p++) {
      const i = list[p];
      upper[i] = Math.sqrt(foundUpper[p]);
      lower.fill(Math.sqrt(foundLower[p]), i * t, i * t + t);
      const previous = labels[i];
      const label = found[p];
      if (previous !== label) {
        labels[i] = label;
        sums.move(i, previous, label);
        changed++;
      }
    }
    return changed;
  }

  /** Every row searched by `NearestCenters` in ranges: labels, bounds (all groups alike), sums. */
  private searchAll(labels: Int32Array, sums: ClusterSums | undefined): number {
    const { found, foundUpper, foundLower, upper, lower } = this;
    const t = this.groups === undefined ? 1 : this.groups.count;
    const n = labels.length;
    let changed = 0;
    for (let first = 0; first < n; first += found.length) {
      const count = Math.min(found.length, n - first);
      this.data.nearest.nearest(null, first, count, found, foundUpper, foundLower);
      for (let p = 0; p < count; p++) {
        const i = first + p;
        upper[i] = Math.sqrt(foundUpper[p]);
        lower.fill(Math.sqrt(foundLower[p]), i * t, i * t + t);
        const previous = labels[i];
        const label = found[p];
        if (previous !== label) {
          labels[i] = label;
          if (sums !== undefined) sums.move(i, previous, label);
          changed++;
        }
      }
    }
    return changed;
  }

  /**
   * Every row against every centre by `squaredDistances` (Lloyd's own values, so the argmin is
   * Lloyd's label): labels, u(i) and every group bound, widened by the float64 error of those
   * values, γ_{d+3}·R² with R = ||x|| + max ||c|| (see `NearestCenters`). The first iteration.
   * Returns how many labels changed.
   */
  private fullPass(centers: Matrix, centerNorms: Float64Array, labels: Int32Array): number {
    const { X, xNorms, nearest } = this.data;
    const groups = this.groups;
    if (groups === undefined) throw new Error('unreachable: a full pass before the groups');
    const { scratch, upper, lower, k } = this;
    const { groupOf } = groups;
    const t = groups.count;
    const { rows: n, cols: d } = X;
    const { radius, marginShift } = nearest;
    const errorScale = (d + 4) * 2 ** -52;
    const groupLow = this.groupLow;
    const blockRows = Math.min(BLOCK_ROWS, n);
    let changed = 0;
    for (let startRow = 0; startRow < n; startRow += blockRows) {
      const end = Math.min(n, startRow + blockRows);
      squaredDistances(X, startRow, end, centers, scratch, xNorms, centerNorms);
      for (let i = startRow; i < end; i++) {
        const o = (i - startRow) * k;
        let best = 0;
        let bestValue = scratch[o];
        for (let j = 1; j < k; j++) {
          if (scratch[o + j] < bestValue) {
            bestValue = scratch[o + j];
            best = j;
          }
        }
        groupLow.fill(Number.POSITIVE_INFINITY);
        for (let j = 0; j < k; j++) {
          if (j === best) continue;
          const g = groupOf[j];
          if (scratch[o + j] < groupLow[g]) groupLow[g] = scratch[o + j];
        }
        const r = radius[i] + marginShift;
        const error = errorScale * r * r;
        upper[i] = Math.sqrt(Math.max(bestValue + error, 0));
        for (let g = 0; g < t; g++) {
          lower[i * t + g] = Math.sqrt(Math.max(groupLow[g] - error, 0));
        }
        const previous = labels[i];
        if (previous !== best) {
          labels[i] = best;
          changed++;
        }
      }
    }
    return changed;
  }
}
