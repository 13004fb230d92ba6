import { drainShardProgram, pause, type ShardEffect, throwIfAborted } from '@mixkit/core';
import type { NeighborIndex } from '@mixkit/neighbors';
import { PAUSE_WORK } from './internal/pauseWork.js';

/** A spanning tree given as n − 1 edges in the order Prim's algorithm adds their vertices. */
export interface SpanningPath {
  /** The vertex added by step t. */
  readonly added: Int32Array;
  /** The vertex added just before it. */
  readonly previous: Int32Array;
  /** The key with which `added[t]` joined the tree (its distance to the tree). */
  readonly weight: Float64Array;
}

/**
 * Prim's algorithm on the complete graph of the indexed rows, computing each distance when it is
 * needed: O(n²·d) time, O(n) memory, no n x n matrix. With `core` distances, the graph's weights
 * are mutual reachability distances max(core(a), core(b), d(a, b)) (HDBSCAN*, Campello, Moulavi &
 * Sander 2013); without, plain distances (single linkage).
 *
 * Step for step it is SciPy's `mst_single_linkage` and R dbscan's `prims`, so ties resolve the
 * same way: start at row 0; a key improves only on a strictly smaller distance; the next vertex is
 * the lowest-index one of least key. Step t pairs the vertex added with the one added before it
 * rather than with the one that gave its key: that path has the same single-linkage hierarchy as
 * the tree, because every component below a height is a contiguous run of Prim's order (Prim
 * exhausts a component's cheaper edges before it crosses a dearer one). SciPy and R both sort
 * this path into their merge lists (`linkageFromSpanningPath`).
 *
 * With core distances, a distance is skipped when the key it could improve is already no larger
 * than both core distances (the mutual reachability distance can only be larger).
 */
export function primSpanningPath(
  index: NeighborIndex,
  core?: Float64Array,
  signal?: AbortSignal,
): SpanningPath {
  return drainShardProgram(primSpanningPathProgram(index, core, signal));
}

/**
 * `primSpanningPath` as a fit program: the same steps, with a `pause()` about every
 * millisecond of distances (`PAUSE_WORK`), where an async driver may yield and stop on an abort.
 */
export function* primSpanningPathProgram(
  index: NeighborIndex,
  core?: Float64Array,
  signal?: AbortSignal,
): Generator<ShardEffect, SpanningPath, unknown> {
  const n = index.size;
  const m = Math.max(0, n - 1);
  const path: SpanningPath = {
    added: new Int32Array(m),
    previous: new Int32Array(m),
    weight: new Float64Array(m),
  };
  if (n < 2) return path;
  const workspace = new PrimWorkspace(index, core);
  // The steps run in a plain function, a chunk of about `PAUSE_WORK` at a time: V8 compiles
  // the hot loop better there than inside a generator (measured: ~10% more instructions).
  let step = 0;
  while (step < m) {
    throwIfAborted(signal, 'primSpanningPath');
    step = primSteps(index, workspace, path, step, PAUSE_WORK);
    if (step < m) yield* pause();
  }
  return path;
}

/** The state of Prim's algorithm between two chunks of steps. */
class PrimWorkspace {
  /** Core distances in reduced units (zeros without core distances). */
  readonly coreR: Float64Array;
  /** Each vertex's least key (reduced distance to the tree) so far. */
  readonly key: Float64Array;
  /** The vertices not in the tree yet, in index order (`count` of them). */
  readonly remaining: Int32Array;
  count: number;
  /** The vertex added last. */
  current = 0;

  constructor(index: NeighborIndex, core: Float64Array | undefined) {
    const n = index.size;
    // Reduced distances (squared for Euclidean) rank the same as true ones and spare a square
    // root.
    this.coreR = new Float64Array(n);
    if (core !== undefined) for (let i = 0; i < n; i++) this.coreR[i] = index.toReduced(core[i]);
    this.key = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.remaining = new Int32Array(n);
    for (let i = 0; i < n; i++) this.remaining[i] = i;
    this.count = n;
  }
}

/** Runs Prim's steps from `from` until about `workLimit` coordinates are read; the next step. */
function primSteps(
  index: NeighborIndex,
  workspace: PrimWorkspace,
  path: SpanningPath,
  from: number,
  workLimit: number,
): number {
  const { coreR, key, remaining } = workspace;
  const { added, previous, weight } = path;
  const n = index.size;
  const m = n - 1;
  let count = workspace.count;
  let current = workspace.current;
  const { data } = index.data;
  const d = index.data.cols;
  const precomputed = index.metric === 'precomputed';
  const manhattan = index.metric === 'manhattan';
  let work = 0;
  let step = from;
  for (; step < m && work < workLimit; step++) {
    work += precomputed ? count : count * d;
    const cc = coreR[current];
    const cBase = current * d;
    let best = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    let write = 0;
    for (let r = 0; r < count; r++) {
      const i = remaining[r];
      if (i === current) continue; // leaves the list: it is in the tree now
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
        const w = Math.max(dist, floor);
        if (w < k) {
          k = w;
          key[i] = w;
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
  workspace.count = count;
  workspace.current = current;
  return step;
}
