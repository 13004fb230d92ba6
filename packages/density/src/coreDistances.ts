import { drainShardProgram, pause, type ShardEffect, throwIfAborted } from '@mixkit/core';
import { KnnHeap, type NeighborIndex } from '@mixkit/neighbors';
import { PAUSE_WORK, queryWork } from './internal/pauseWork.js';

/**
 * Core distance of every indexed row: the distance to its `minPts`-th nearest row counting
 * itself (so its (minPts − 1)-th nearest other row; 0 for minPts = 1), as R's
 * `dbscan::kNNdist(x, k = minPts - 1)` and scikit-learn's OPTICS/HDBSCAN. Distances above
 * `maxDistance` become `Infinity` (OPTICS: no core distance within eps).
 */
export function coreDistances(
  index: NeighborIndex,
  minPts: number,
  maxDistance = Number.POSITIVE_INFINITY,
  signal?: AbortSignal,
): Float64Array {
  return drainShardProgram(coreDistancesProgram(index, minPts, maxDistance, signal));
}

/**
 * `coreDistances` as a fit program: the same queries, with a `pause()` about every millisecond
 * of them, where an async driver may yield and stop on an abort.
 */
export function* coreDistancesProgram(
  index: NeighborIndex,
  minPts: number,
  maxDistance = Number.POSITIVE_INFINITY,
  signal?: AbortSignal,
): Generator<ShardEffect, Float64Array, unknown> {
  const n = index.size;
  const out = new Float64Array(n);
  const k = minPts - 1;
  if (k === 0) return out;
  const heap = new KnnHeap(k);
  const indices = new Int32Array(k);
  const distances = new Float64Array(k);
  // A `pause()` about every millisecond of queries, where an async driver may yield.
  const perQuery = queryWork(index) + k;
  let work = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 0) throwIfAborted(signal, 'coreDistances');
    work += perQuery;
    if (work >= PAUSE_WORK) {
      work = 0;
      yield* pause();
    }
    index.knnOfRow(i, heap, indices, distances, 0);
    const core = distances[k - 1];
    out[i] = core > maxDistance ? Number.POSITIVE_INFINITY : core;
  }
  return out;
}
