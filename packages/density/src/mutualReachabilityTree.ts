import { throwIfAborted } from '@mixkit/core';
import type { NeighborIndex } from '@mixkit/neighbors';

/** A spanning tree as n − 1 edges in the order Prim's algorithm adds them. */
export interface SpanningPath {
  /** The vertex added by step t. */
  readonly added: Int32Array;
  /** The vertex added just before it (the path representation, see below). */
  readonly previous: Int32Array;
  /** Its key when added: the mutual reachability distance that joins it to the tree. */
  readonly weight: Float64Array;
}

/**
 * Prim's algorithm over the complete graph of mutual reachability distances
 * mrd(a, b) = max(core(a), core(b), d(a, b)) (Campello, Moulavi & Sander 2013), computing each
 * distance when it is needed: O(n²) time, O(n) memory, no n x n matrix.
 *
 * It follows R's `dbscan::hdbscan` (`prims` in 1.1-x) step for step, so ties resolve the same
 * way: start at row 0; a key improves only on a strictly smaller distance; the next vertex is the
 * lowest-index one of least key. Step t records the edge (added, previous) with the key: the
 * vertex added before it rather than the one that gave the key. That path has the same
 * single-linkage hierarchy as the tree, because every component below a height is a contiguous run
 * of Prim's order (Prim exhausts a component's cheaper edges before crossing a dearer one), and it
 * is what R then sorts into its merge order.
 *
 * A distance is skipped when the key it could improve is already no larger than the two core
 * distances (mrd can only be larger), which spares most distance computations once keys are small.
 */
export function mutualReachabilityTree(
  index: NeighborIndex,
  core: Float64Array,
  signal?: AbortSignal,
): SpanningPath {
  const n = index.size;
  const added = new Int32Array(Math.max(0, n - 1));
  const previous = new Int32Array(Math.max(0, n - 1));
  const weight = new Float64Array(Math.max(0, n - 1));
  if (n < 2) return { added, previous, weight };
  // Work in reduced distance (squared for Euclidean), monotone in the true one.
  const coreR = new Float64Array(n);
  for (let i = 0; i < n; i++) coreR[i] = index.toReduced(core[i]);
  const key = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const remaining = new Int32Array(n);
  for (let i = 0; i < n; i++) remaining[i] = i;
  let count = n;
  const { data } = index.data;
  const d = index.data.cols;
  const precomputed = index.metric === 'precomputed';
  const manhattan = index.metric === 'manhattan';
  let current = 0;
  for (let step = 0; step < n - 1; step++) {
    if ((step & 255) === 0) throwIfAborted(signal, 'Hdbscan.fit');
    const cc = coreR[current];
    const cBase = current * d;
    let best = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    let write = 0;
    for (let r = 0; r < count; r++) {
      const i = remaining[r];
      if (i === current) continue; // leaves the list: it is now in the tree
      remaining[write++] = i;
      let k = key[i];
      const floor = Math.max(cc, coreR[i]);
      if (floor < k) {
        let dist: number;
        if (precomputed) dist = data[current * n + i];
        else {
          const iBase = i * d;
          dist = 0;
          if (manhattan)
            for (let t = 0; t < d; t++) dist += Math.abs(data[cBase + t] - data[iBase + t]);
          else
            for (let t = 0; t < d; t++) {
              const v = data[cBase + t] - data[iBase + t];
              dist += v * v;
            }
        }
        const mrd = Math.max(dist, floor);
        if (mrd < k) {
          k = mrd;
          key[i] = mrd;
        }
      }
      if (k < bestKey) {
        bestKey = k;
        best = i;
      }
    }
    count = write;
    added[step] = best;
    previous[step] = current;
    weight[step] = index.fromReduced(bestKey);
    current = best;
  }
  return { added, previous, weight };
}
