import {
  drainShardProgram,
  InvalidInputError,
  type Matrix,
  pause,
  type ShardEffect,
  throwIfAborted,
} from '@mixkit/core';
import type { NeighborIndex } from '@mixkit/neighbors';
import { PairHeap } from './internal/pairHeap.js';
import { WeightHeap } from './internal/weightHeap.js';
import type { LinkageMethod } from './linkageMethod.js';

/**
 * Agglomeration restricted to a connectivity graph, as scikit-learn's `ward_tree` and
 * `linkage_tree` with `connectivity`: a heap of candidate merges between adjacent clusters, the
 * least popped first (stale pairs skipped); a merge creates cluster n + k adjacent to every
 * cluster either part touched.
 * - Ward: the candidate's value is scikit-learn's `compute_ward_dist` from cluster sizes and
 *   row sums, |A||B|/(|A|+|B|)·‖s_A/|A| − s_B/|B|‖², and the height √(2·value).
 * - Complete / average: as scikit-learn, distances are known only between adjacent clusters
 *   (starting from the edges' row distances); a merged cluster's distance to a neighbour is the
 *   largest (complete) or the size-weighted mean (average) of its parts' known distances, or the
 *   one known when only one part touches it.
 * - Single: the minimum spanning forest of the graph (Kruskal).
 *
 * Heights come in merge order (with constraints, Ward and average can invert). The graph must be
 * connected: a disconnected one is an `InvalidInputError` naming its number of components.
 * Returns merges as cluster ids (SciPy layout, not re-sorted).
 */
export function constrainedLinkage(
  X: Matrix,
  index: NeighborIndex,
  graph: readonly (readonly number[])[],
  method: LinkageMethod,
  signal?: AbortSignal,
): Float64Array {
  return drainShardProgram(constrainedLinkageProgram(X, index, graph, method, signal));
}

/**
 * `constrainedLinkage` as a fit program: the same merges, with a `pause()` every 64 merges
 * (a few heap operations and neighbour-map updates each), where an async driver may yield and
 * stop on an abort.
 */
export function* constrainedLinkageProgram(
  X: Matrix,
  index: NeighborIndex,
  graph: readonly (readonly number[])[],
  method: LinkageMethod,
  signal?: AbortSignal,
): Generator<ShardEffect, Float64Array, unknown> {
  const n = X.rows;
  assertConnected(graph);
  if (method === 'single') return kruskal(index, graph);
  const nodes = 2 * n - 1;
  const d = X.cols;
  const count = new Float64Array(nodes);
  const sums = method === 'ward' ? new Float64Array(nodes * d) : new Float64Array(0);
  const alive = new Uint8Array(nodes);
  const parent = new Int32Array(nodes);
  const neighbours: Map<number, number>[] = new Array(nodes);
  for (let i = 0; i < n; i++) {
    count[i] = 1;
    alive[i] = 1;
    parent[i] = i;
    neighbours[i] = new Map();
  }
  if (method === 'ward') sums.set(X.data);
  // Ward's candidates are (value, i, j) tuples, a total order; complete/average candidates compare
  // by weight alone in scikit-learn, so their ties need Python's exact heap moves.
  const heap = method === 'ward' ? new PairHeap() : new WeightHeap();
  const wardValue = (r: number, c: number): number => {
    const nr = count[r];
    const nc = count[c];
    const factor = (nr * nc) / (nr + nc);
    let pa = 0;
    for (let t = 0; t < d; t++) {
      const v = sums[r * d + t] / nr - sums[c * d + t] / nc;
      pa += v * v;
    }
    return pa * factor;
  };
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 1023) yield* pause();
    for (const j of graph[i]) {
      const value = method === 'ward' ? 0 : rowDistance(index, i, j);
      neighbours[i].set(j, value);
      if (i > j) {
        if (heap instanceof WeightHeap) heap.append(value, i, j);
        else heap.push(wardValue(i, j), i, j);
      }
    }
  }
  if (heap instanceof WeightHeap) heap.heapify();
  const linkage = new Float64Array((n - 1) * 4);
  const popped: [number, number, number] = [0, 0, 0];
  for (let k = n; k < nodes; k++) {
    if ((k & 255) === 0) throwIfAborted(signal, 'AgglomerativeClustering.fit');
    if ((k & 63) === 0) yield* pause();
    let i = 0;
    let j = 0;
    let value = 0;
    for (;;) {
      heap.pop(popped);
      [value, i, j] = popped;
      if (alive[i] === 1 && alive[j] === 1) break;
    }
    alive[i] = 0;
    alive[j] = 0;
    alive[k] = 1;
    parent[i] = k;
    parent[j] = k;
    parent[k] = k;
    count[k] = count[i] + count[j];
    const m = k - n;
    linkage[4 * m] = Math.min(i, j);
    linkage[4 * m + 1] = Math.max(i, j);
    linkage[4 * m + 2] = method === 'ward' ? Math.sqrt(2 * value) : value;
    linkage[4 * m + 3] = count[k];
    const merged = new Map<number, number>();
    if (method === 'ward') {
      for (let t = 0; t < d; t++) sums[k * d + t] = sums[i * d + t] + sums[j * d + t];
      for (const part of [i, j]) {
        for (const c of neighbours[part].keys()) {
          const root = findRoot(parent, c);
          if (root !== k && !merged.has(root)) merged.set(root, 0);
        }
      }
    } else {
      const ni = count[i];
      const nj = count[j];
      for (const [c, v] of neighbours[i]) if (alive[c] === 1) merged.set(c, v);
      for (const [c, v] of neighbours[j]) {
        if (alive[c] !== 1) continue;
        const known = merged.get(c);
        if (known === undefined) merged.set(c, v);
        else
          merged.set(
            c,
            method === 'complete' ? Math.max(known, v) : (ni * known + nj * v) / (ni + nj),
          );
      }
    }
    // scikit-learn's IntFloatDict iterates its keys in ascending order.
    const keys = Array.from(merged.keys());
    if (method !== 'ward') keys.sort((x, y) => x - y);
    neighbours[k] = merged;
    for (const c of keys) {
      const v = merged.get(c) as number;
      const candidate = method === 'ward' ? wardValue(k, c) : v;
      neighbours[c].set(k, v);
      heap.push(candidate, k, c);
    }
    neighbours[i] = new Map();
    neighbours[j] = new Map();
  }
  return linkage;
}

function findRoot(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r] !== r) r = parent[r];
  while (parent[x] !== r) {
    const next = parent[x];
    parent[x] = r;
    x = next;
  }
  return r;
}

/** Single linkage under constraints: Kruskal over the graph's edges (stable by weight). */
function kruskal(index: NeighborIndex, graph: readonly (readonly number[])[]): Float64Array {
  const n = graph.length;
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const j of graph[i]) {
      if (j <= i) continue;
      from.push(i);
      to.push(j);
      weight.push(rowDistance(index, i, j));
    }
  }
  const order = Array.from(weight, (_, e) => e).sort((a, b) => weight[a] - weight[b]);
  const root = new Int32Array(n);
  const id = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    root[i] = i;
    id[i] = i;
  }
  const linkage = new Float64Array((n - 1) * 4);
  let m = 0;
  for (const e of order) {
    const a = findRoot(root, from[e]);
    const b = findRoot(root, to[e]);
    if (a === b) continue;
    linkage[4 * m] = Math.min(id[a], id[b]);
    linkage[4 * m + 1] = Math.max(id[a], id[b]);
    linkage[4 * m + 2] = weight[e];
    linkage[4 * m + 3] = size[a] + size[b];
    const keep = size[a] >= size[b] ? a : b;
    const other = keep === a ? b : a;
    root[other] = keep;
    size[keep] += size[other];
    id[keep] = n + m;
    m++;
  }
  return linkage;
}

/** The metric distance between two indexed rows. */
export function rowDistance(index: NeighborIndex, i: number, j: number): number {
  const { data, cols: d } = index.data;
  if (index.metric === 'precomputed') return data[i * index.size + j];
  let s = 0;
  if (index.metric === 'manhattan')
    for (let t = 0; t < d; t++) s += Math.abs(data[i * d + t] - data[j * d + t]);
  else
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t] - data[j * d + t];
      s += v * v;
    }
  return index.fromReduced(s);
}

function assertConnected(graph: readonly (readonly number[])[]): void {
  const n = graph.length;
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  let components = 0;
  for (let s = 0; s < n; s++) {
    if (seen[s] === 1) continue;
    components++;
    seen[s] = 1;
    stack.push(s);
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const w of graph[v]) {
        if (seen[w] === 0) {
          seen[w] = 1;
          stack.push(w);
        }
      }
    }
  }
  if (components > 1) {
    throw new InvalidInputError(
      { argument: 'connectivity', value: components },
      'the graph has several connected components; connect them (e.g. more neighbours) so one tree can hold every row',
    );
  }
}
