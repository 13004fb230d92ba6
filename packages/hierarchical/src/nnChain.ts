import { drainShardProgram, pause, type ShardEffect, throwIfAborted } from '@mixkit/core';
import type { NeighborIndex } from '@mixkit/neighbors';
import { PAUSE_WORK } from './internal/pauseWork.js';

/** Merges found by a chain algorithm, in the order made (not yet sorted by height). */
export interface RawMerges {
  /** First cluster of each merge (a row index; the merged cluster lives on at the larger one). */
  readonly a: Int32Array;
  /** Second cluster of each merge. */
  readonly b: Int32Array;
  /** Merge heights. */
  readonly height: Float64Array;
}

/**
 * Ward, complete or average linkage by the nearest-neighbour chain (Benzécri 1982; Juan 1982; Murtagh
 * 1983; Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms", §3.3) on the
 * condensed n(n − 1)/2 distance matrix, updated by Lance–Williams: complete max(d_xi, d_yi),
 * average (n_x·d_xi + n_y·d_yi)/(n_x + n_y), Ward
 * √(((n_i+n_x)·d_xi² + (n_i+n_y)·d_yi² − n_i·d_xy²)/(n_x+n_y+n_i)) with SciPy's operation order.
 * O(n²) time; memory n(n − 1)/2 doubles.
 *
 * This is SciPy's `nn_chain` step for step (the chain restarts at the lowest live cluster; the
 * nearest neighbour is searched in index order with the previous chain element preferred on a
 * tie; the merged cluster lives on at the larger index), so heights carry the same bits.
 */
export function nnChainCondensed(
  index: NeighborIndex,
  method: 'ward' | 'complete' | 'average',
  /** Aborts the fit with an AbortedError when it fires. */
  signal?: AbortSignal,
): RawMerges {
  return drainShardProgram(nnChainProgram(index, method, signal));
}

/**
 * `nnChainCondensed` as a fit program: the same merges, with a `pause()` about every
 * millisecond of work (`PAUSE_WORK`), where an async driver may yield and stop on an abort.
 */
export function* nnChainProgram(
  index: NeighborIndex,
  method: 'ward' | 'complete' | 'average',
  signal?: AbortSignal,
): Generator<ShardEffect, RawMerges, unknown> {
  const n = index.size;
  const D = new Float64Array((n * (n - 1)) / 2);
  // The hot loops run in plain functions, a chunk of about `PAUSE_WORK` at a time: V8 compiles
  // them better there than inside a generator (measured: ~10% more instructions).
  for (let i = 0; i < n; ) {
    throwIfAborted(signal, 'AgglomerativeClustering.fit');
    i = condensedRows(index, D, i, PAUSE_WORK);
    if (i < n) yield* pause();
  }
  const m = Math.max(0, n - 1);
  const merges: RawMerges = {
    a: new Int32Array(m),
    b: new Int32Array(m),
    height: new Float64Array(m),
  };
  const workspace: ChainWorkspace = {
    size: new Int32Array(n).fill(1),
    chain: new Int32Array(n),
    length: 0,
  };
  for (let k = 0; k < m; ) {
    throwIfAborted(signal, 'AgglomerativeClustering.fit');
    k = chainMerges(D, n, method, workspace, merges, k, PAUSE_WORK);
    if (k < m) yield* pause();
  }
  return merges;
}

/** The chain's state between two chunks of merges. */
interface ChainWorkspace {
  /** Each cluster's size (0 once merged into another). */
  readonly size: Int32Array;
  /** The nearest-neighbour chain (`length` entries). */
  readonly chain: Int32Array;
  length: number;
}

/** Makes merges from `from` until about `workLimit` cells are read; the next merge. */
function chainMerges(
  D: Float64Array,
  n: number,
  method: 'ward' | 'complete' | 'average',
  workspace: ChainWorkspace,
  merges: RawMerges,
  from: number,
  workLimit: number,
): number {
  const { size, chain } = workspace;
  const { a, b, height } = merges;
  let length = workspace.length;
  const at = (i: number, j: number) =>
    i < j ? n * i - ((i * (i + 1)) >> 1) + (j - i - 1) : n * j - ((j * (j + 1)) >> 1) + (i - j - 1);
  let work = 0;
  let k = from;
  for (; k < n - 1 && work < workLimit; k++) {
    // At least two scans of the clusters per merge (a neighbour search and the update).
    work += 2 * n;
    if (length === 0) {
      for (let i = 0; i < n; i++) {
        if (size[i] > 0) {
          chain[0] = i;
          length = 1;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let best = 0;
    for (;;) {
      x = chain[length - 1];
      if (length > 1) {
        y = chain[length - 2];
        best = D[at(x, y)];
      } else best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        const dist = D[at(x, i)];
        if (dist < best) {
          best = dist;
          y = i;
        }
      }
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
    height[k] = best;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      if (size[i] === 0 || i === y) continue;
      const dxi = D[at(x, i)];
      const dyi = D[at(y, i)];
      if (method === 'complete') D[at(y, i)] = Math.max(dxi, dyi);
      else if (method === 'average') D[at(y, i)] = (nx * dxi + ny * dyi) / (nx + ny);
      else {
        const ni = size[i];
        const t = 1.0 / (nx + ny + ni);
        D[at(y, i)] = Math.sqrt(
          (ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * best * best,
        );
      }
    }
  }
  workspace.length = length;
  return k;
}

/**
 * Rows of the condensed upper triangle of pairwise distances (SciPy's `pdist` layout) from row
 * `from` until about `workLimit` coordinates are read; the next row.
 */
function condensedRows(
  index: NeighborIndex,
  D: Float64Array,
  from: number,
  workLimit: number,
): number {
  const n = index.size;
  const { data } = index.data;
  const d = index.data.cols;
  let t = n * from - ((from * (from + 1)) >> 1);
  let work = 0;
  let i = from;
  for (; i < n && work < workLimit; i++) {
    work += (n - i) * (index.metric === 'precomputed' ? 1 : d);
    for (let j = i + 1; j < n; j++) {
      if (index.metric === 'precomputed') D[t++] = data[i * n + j];
      else {
        let s = 0;
        if (index.metric === 'manhattan')
          for (let c = 0; c < d; c++) s += Math.abs(data[i * d + c] - data[j * d + c]);
        else
          for (let c = 0; c < d; c++) {
            const v = data[i * d + c] - data[j * d + c];
            s += v * v;
          }
        D[t++] = index.fromReduced(s);
      }
    }
  }
  return i;
}
