import type { ReducedKind } from './internal/reducedDistance.js';
import type { KnnHeap } from './knnHeap.js';
import type { NeighborBuffer } from './neighborBuffer.js';

/**
 * A KD-tree (Bentley 1975; Friedman, Bentley & Finkel 1977) over n points in d dimensions, with
 * exact k-nearest-neighbour and radius queries in reduced distance (squared Euclidean or
 * Manhattan). Each node splits its points at the median of its widest dimension and keeps its
 * bounding box, so a query skips a node whose box is farther than the current bound. Points are
 * copied in tree order so that a leaf scan reads contiguous memory.
 *
 * Build: O(n log n · d) time; memory n·d doubles plus 2·d doubles per node (about 2n/leafSize
 * nodes). Queries use one traversal stack per tree, so a tree serves one query at a time.
 */
export class KdTree {
  /** The points in tree order (row-major, n x d). */
  readonly points: Float64Array;
  /** `order[p]` is the original row of tree position p. */
  readonly order: Int32Array;
  /** Number of nodes built. */
  readonly nodeCount: number;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** Index of the left child (the right one is `left + 1`), or -1 for a leaf. */
  private readonly left: Int32Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly stackNodes: Int32Array;
  private readonly stackBounds: Float64Array;

  constructor(
    data: Float64Array,
    /** Number of points. */
    readonly n: number,
    /** Number of columns. */
    readonly d: number,
    /** The reduced distance the tree ranks by. */
    readonly kind: ReducedKind,
    /** Largest number of points in a leaf. */
    readonly leafSize = 16,
  ) {
    const maxNodes = 2 * Math.ceil(n / Math.max(1, leafSize >> 1)) + 1;
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes).fill(-1);
    this.lo = new Float64Array(maxNodes * d);
    this.hi = new Float64Array(maxNodes * d);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let nodes = 1;
    this.start[0] = 0;
    this.end[0] = n;
    // Nodes are built breadth-first from a queue, so children always get higher indices.
    for (let node = 0; node < nodes; node++) {
      const s = this.start[node];
      const e = this.end[node];
      this.computeBox(node, data, order, s, e);
      if (e - s <= leafSize) continue;
      let axis = 0;
      let spread = -1;
      for (let t = 0; t < d; t++) {
        const w = this.hi[node * d + t] - this.lo[node * d + t];
        if (w > spread) {
          spread = w;
          axis = t;
        }
      }
      if (spread <= 0) continue; // all points equal: keep a (large) leaf
      const mid = (s + e) >> 1;
      selectNth(order, data, d, axis, s, e - 1, mid);
      const child = nodes;
      nodes += 2;
      this.left[node] = child;
      this.start[child] = s;
      this.end[child] = mid;
      this.start[child + 1] = mid;
      this.end[child + 1] = e;
    }
    this.nodeCount = nodes;
    this.order = order;
    const points = new Float64Array(n * d);
    for (let p = 0; p < n; p++) points.set(data.subarray(order[p] * d, order[p] * d + d), p * d);
    this.points = points;
    this.stackNodes = new Int32Array(2 * 64 + 2);
    this.stackBounds = new Float64Array(2 * 64 + 2);
  }

  /**
   * Offers every point to `heap` that can be among the k nearest to the query at
   * `q[qOffset..qOffset+d)`, skipping original row `exclude` (-1: none). Reduced distances.
   */
  knn(q: Float64Array, qOffset: number, heap: KnnHeap, exclude: number): void {
    const { stackNodes, stackBounds, points, order, d, kind } = this;
    const half = d >> 1;
    let top = 0;
    stackNodes[0] = 0;
    stackBounds[0] = this.boxDistance(0, q, qOffset);
    top = 1;
    while (top > 0) {
      top--;
      const node = stackNodes[top];
      // Equal bounds are still visited: a point at the same distance may have a lower index.
      if (stackBounds[top] > heap.worst()) continue;
      const child = this.left[node];
      if (child < 0) {
        const e = this.end[node];
        for (let p = this.start[node]; p < e; p++) {
          const row = order[p];
          if (row === exclude) continue;
          const base = p * d;
          const bound = heap.worst();
          let s = 0;
          // Partial distance: past the current k-th distance after half the columns, drop it.
          if (kind === 'manhattan') {
            for (let t = 0; t < half; t++) s += Math.abs(points[base + t] - q[qOffset + t]);
            if (s > bound) continue;
            for (let t = half; t < d; t++) s += Math.abs(points[base + t] - q[qOffset + t]);
          } else {
            for (let t = 0; t < half; t++) {
              const v = points[base + t] - q[qOffset + t];
              s += v * v;
            }
            if (s > bound) continue;
            for (let t = half; t < d; t++) {
              const v = points[base + t] - q[qOffset + t];
              s += v * v;
            }
          }
          if (s <= bound) heap.offer(s, row);
        }
        continue;
      }
      const bl = this.boxDistance(child, q, qOffset);
      const br = this.boxDistance(child + 1, q, qOffset);
      // Push the farther child first so the nearer one is searched first.
      if (bl <= br) {
        stackNodes[top] = child + 1;
        stackBounds[top++] = br;
        stackNodes[top] = child;
        stackBounds[top++] = bl;
      } else {
        stackNodes[top] = child;
        stackBounds[top++] = bl;
        stackNodes[top] = child + 1;
        stackBounds[top++] = br;
      }
    }
  }

  /**
   * Appends to `out` every point within reduced distance `radius` (inclusive) of the query,
   * skipping original row `exclude`; pairs are (original row, reduced distance), in tree order.
   */
  radius(
    q: Float64Array,
    qOffset: number,
    radius: number,
    out: NeighborBuffer,
    exclude: number,
  ): void {
    const { stackNodes, points, order, d } = this;
    const manhattan = this.kind === 'manhattan';
    let top = 0;
    stackNodes[top++] = 0;
    while (top > 0) {
      const node = stackNodes[--top];
      if (this.boxDistance(node, q, qOffset) > radius) continue;
      const child = this.left[node];
      if (child >= 0) {
        stackNodes[top++] = child + 1;
        stackNodes[top++] = child;
        continue;
      }
      const e = this.end[node];
      // Two copies of the leaf scan, so each inner loop is one straight-line kernel; a row past
      // the radius after half its columns is dropped (same sum, same bits, when it is kept).
      const half = d >> 1;
      if (manhattan) {
        for (let p = this.start[node]; p < e; p++) {
          const base = p * d;
          let s = 0;
          for (let t = 0; t < half; t++) s += Math.abs(points[base + t] - q[qOffset + t]);
          if (s > radius) continue;
          for (let t = half; t < d; t++) s += Math.abs(points[base + t] - q[qOffset + t]);
          if (s <= radius && order[p] !== exclude) out.push(order[p], s);
        }
      } else {
        for (let p = this.start[node]; p < e; p++) {
          const base = p * d;
          let s = 0;
          for (let t = 0; t < half; t++) {
            const v = points[base + t] - q[qOffset + t];
            s += v * v;
          }
          if (s > radius) continue;
          for (let t = half; t < d; t++) {
            const v = points[base + t] - q[qOffset + t];
            s += v * v;
          }
          if (s <= radius && order[p] !== exclude) out.push(order[p], s);
        }
      }
    }
  }

  /**
   * As `radius`, but only the rows are wanted (distances are left unset in `out`): a node whose
   * whole box lies within the radius contributes all its points without a distance computation.
   * Returns how many rows were appended.
   */
  radiusRows(
    q: Float64Array,
    qOffset: number,
    radius: number,
    out: NeighborBuffer,
    exclude: number,
  ): number {
    const { stackNodes, points, order, d, lo, hi } = this;
    const manhattan = this.kind === 'manhattan';
    let found = 0;
    let top = 0;
    stackNodes[top++] = 0;
    while (top > 0) {
      const node = stackNodes[--top];
      // Nearest and farthest reduced distance from the query to the node's box, in one pass.
      const base = node * d;
      let near = 0;
      let far = 0;
      for (let t = 0; t < d; t++) {
        const v = q[qOffset + t];
        const below = lo[base + t] - v;
        const above = v - hi[base + t];
        const gap = Math.max(0, below, above);
        const span = Math.max(-below, -above);
        if (manhattan) {
          near += gap;
          far += span;
        } else {
          near += gap * gap;
          far += span * span;
        }
      }
      if (near > radius) continue;
      const s0 = this.start[node];
      const e = this.end[node];
      if (far <= radius) {
        for (let p = s0; p < e; p++) {
          if (order[p] === exclude) continue;
          out.push(order[p], 0);
          found++;
        }
        continue;
      }
      const child = this.left[node];
      if (child >= 0) {
        stackNodes[top++] = child + 1;
        stackNodes[top++] = child;
        continue;
      }
      // Partial distances: a row already past the radius after half its columns is dropped
      // (in 10 dimensions about half the leaf rows, which halves their cost).
      const half = d >> 1;
      for (let p = s0; p < e; p++) {
        const pb = p * d;
        let s = 0;
        if (manhattan) {
          for (let t = 0; t < half; t++) s += Math.abs(points[pb + t] - q[qOffset + t]);
          if (s > radius) continue;
          for (let t = half; t < d; t++) s += Math.abs(points[pb + t] - q[qOffset + t]);
        } else {
          for (let t = 0; t < half; t++) {
            const v = points[pb + t] - q[qOffset + t];
            s += v * v;
          }
          if (s > radius) continue;
          for (let t = half; t < d; t++) {
            const v = points[pb + t] - q[qOffset + t];
            s += v * v;
          }
        }
        if (s <= radius && order[p] !== exclude) {
          out.push(order[p], 0);
          found++;
        }
      }
    }
    return found;
  }

  /** Lower bound of the reduced distance from the query to any point in the node's box. */
  private boxDistance(node: number, q: Float64Array, qOffset: number): number {
    const { lo, hi, d } = this;
    const base = node * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = q[qOffset + t];
      const below = lo[base + t] - v;
      const above = v - hi[base + t];
      const gap = below > 0 ? below : Math.max(above, 0);
      s += this.kind === 'manhattan' ? gap : gap * gap;
    }
    return s;
  }

  private computeBox(node: number, data: Float64Array, order: Int32Array, s: number, e: number) {
    const { d, lo, hi } = this;
    const base = node * d;
    for (let t = 0; t < d; t++) {
      lo[base + t] = Number.POSITIVE_INFINITY;
      hi[base + t] = Number.NEGATIVE_INFINITY;
    }
    for (let p = s; p < e; p++) {
      const row = order[p] * d;
      for (let t = 0; t < d; t++) {
        const v = data[row + t];
        if (v < lo[base + t]) lo[base + t] = v;
        if (v > hi[base + t]) hi[base + t] = v;
      }
    }
  }
}

/**
 * Hoare's selection (quickselect, middle-element pivot) on `order[left..right]` by coordinate
 * `axis`, so that `order[nth]` holds the nth smallest and every entry before it is <= it.
 */
function selectNth(
  order: Int32Array,
  data: Float64Array,
  /** Number of columns. */
  d: number,
  axis: number,
  /** Left child of each cluster (-1 for a leaf). */
  left: number,
  /** Right child of each cluster (-1 for a leaf). */
  right: number,
  nth: number,
): void {
  let l = left;
  let r = right;
  while (r > l) {
    const pivot = data[order[(l + r) >> 1] * d + axis];
    let i = l;
    let j = r;
    while (i <= j) {
      while (data[order[i] * d + axis] < pivot) i++;
      while (data[order[j] * d + axis] > pivot) j--;
      if (i <= j) {
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
        i++;
        j--;
      }
    }
    if (nth <= j) r = j;
    else if (nth >= i) l = i;
    else return;
  }
}
