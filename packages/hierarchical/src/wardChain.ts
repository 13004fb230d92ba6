import {
  drainShardProgram,
  type Matrix,
  pause,
  type ShardEffect,
  throwIfAborted,
} from '@mixkit/core';
import { PAUSE_WORK } from './internal/pauseWork.js';
import type { RawMerges } from './nnChain.js';

/**
 * Ward linkage by the nearest-neighbour chain on cluster centroids (Müllner 2011, §3.3, the
 * "stored data" variant of fastcluster's `linkage_vector`): the Ward distance between clusters A
 * and B is √(2·|A||B|/(|A|+|B|)) · ‖c_A − c_B‖, computed from centroids when needed, so memory is
 * the n x d centroids and O(n) bookkeeping instead of a condensed distance matrix. O(n²·d) time.
 *
 * The chain follows SciPy's `nn_chain` (restart at the lowest live cluster, search in index order,
 * previous chain element preferred on ties, merged cluster kept at the larger index), so it makes
 * the same merges; heights equal SciPy's Lance–Williams values up to rounding (~1e-15 relative).
 */
export function wardChain(X: Matrix, signal?: AbortSignal): RawMerges {
  return drainShardProgram(wardChainProgram(X, signal));
}

/**
 * `wardChain` as a fit program: the same merges, with a `pause()` about every millisecond of
 * work (`PAUSE_WORK`), where an async driver may yield and stop on an abort.
 */
export function* wardChainProgram(
  X: Matrix,
  signal?: AbortSignal,
): Generator<ShardEffect, RawMerges, unknown> {
  const n = X.rows;
  const m = Math.max(0, n - 1);
  const merges: RawMerges = {
    a: new Int32Array(m),
    b: new Int32Array(m),
    height: new Float64Array(m),
  };
  const live = new Int32Array(n);
  for (let i = 0; i < n; i++) live[i] = i;
  const workspace: WardWorkspace = {
    centroid: Float64Array.from(X.data),
    size: new Float64Array(n).fill(1),
    live,
    liveCount: n,
    chain: new Int32Array(n),
    length: 0,
  };
  // The merges run in a plain function, a chunk of about `PAUSE_WORK` at a time: V8 compiles
  // its loops better there than inside a generator.
  for (let k = 0; k < m; ) {
    throwIfAborted(signal, 'AgglomerativeClustering.fit');
    k = wardMerges(X.cols, workspace, merges, k, PAUSE_WORK);
    if (k < m) yield* pause();
  }
  return merges;
}

/** The chain's state between two chunks of merges. */
interface WardWorkspace {
  /** Each cluster's centroid, n x d (a merged cluster lives on at the larger index). */
  readonly centroid: Float64Array;
  /** Each cluster's size (0 once merged into another). */
  readonly size: Float64Array;
  /** Live clusters in index order (`liveCount` of them; dead ones dropped lazily). */
  readonly live: Int32Array;
  liveCount: number;
  /** The nearest-neighbour chain (`length` entries). */
  readonly chain: Int32Array;
  length: number;
}

/** Makes merges from `from` until about `workLimit` coordinates are read; the next merge. */
function wardMerges(
  d: number,
  workspace: WardWorkspace,
  merges: RawMerges,
  from: number,
  workLimit: number,
): number {
  const { centroid, size, live, chain } = workspace;
  const { a, b, height } = merges;
  const n = size.length;
  let liveCount = workspace.liveCount;
  let length = workspace.length;
  // Squared Ward distance 2·nx·ny/(nx+ny)·‖cx − cy‖²; compared squared, reported as its root.
  const ward2 = (x: number, y: number): number => {
    let s = 0;
    const xb = x * d;
    const yb = y * d;
    for (let t = 0; t < d; t++) {
      const v = centroid[xb + t] - centroid[yb + t];
      s += v * v;
    }
    const nx = size[x];
    const ny = size[y];
    return ((2 * nx * ny) / (nx + ny)) * s;
  };
  let work = 0;
  let k = from;
  for (; k < n - 1 && work < workLimit; k++) {
    // At least one scan of the live centroids per merge.
    work += liveCount * d;
    if (length === 0) {
      let r = 0;
      while (size[live[r]] === 0) r++;
      chain[0] = live[r];
      length = 1;
    }
    let x = 0;
    let y = 0;
    let best = 0;
    for (;;) {
      x = chain[length - 1];
      if (length > 1) {
        y = chain[length - 2];
        best = ward2(x, y);
      } else best = Number.POSITIVE_INFINITY;
      // Scan live clusters in index order, dropping dead ones from the list as we go.
      let write = 0;
      const xb = x * d;
      const nx = size[x];
      for (let r = 0; r < liveCount; r++) {
        const i = live[r];
        if (size[i] === 0) continue;
        live[write++] = i;
        if (i === x) continue;
        let s = 0;
        const ib = i * d;
        for (let t = 0; t < d; t++) {
          const v = centroid[xb + t] - centroid[ib + t];
          s += v * v;
        }
        const ni = size[i];
        const dist = ((2 * nx * ni) / (nx + ni)) * s;
        if (dist < best) {
          best = dist;
          y = i;
        }
      }
      liveCount = write;
      if (length > 1 && y === chain[length - 2]) break;
      chain[length++] = y;
    }
    length -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    a[k] = x;
    b[k] = y;
    height[k] = Math.sqrt(best);
    const total = nx + ny;
    for (let t = 0; t < d; t++) {
      centroid[y * d + t] = (nx * centroid[x * d + t] + ny * centroid[y * d + t]) / total;
    }
    size[x] = 0;
    size[y] = total;
  }
  workspace.liveCount = liveCount;
  workspace.length = length;
  return k;
}
