import {
  assertInteger,
  drainShardProgram,
  InvalidInputError,
  pause,
  type ShardEffect,
} from '@mixkit/core';
import { KnnHeap, type NeighborIndex } from '@mixkit/neighbors';

/**
 * Which rows may be merged directly: only clusters joined by at least one edge of this graph
 * (made symmetric) can merge. `'k-nearest'` joins each row to its k nearest rows (scikit-learn's
 * `kneighbors_graph(X, k, include_self=False)`); `'edges'` lists the pairs.
 */
export type Connectivity =
  | {
      /** Each row joined to its k nearest rows. */
      readonly kind: 'k-nearest';
      /** Neighbours per row, in [1, n − 1]. */
      readonly k: number;
    }
  | {
      /** Explicit pairs of rows. */
      readonly kind: 'edges';
      /** First row of each edge. */
      readonly from: ArrayLike<number>;
      /** Second row of each edge (same length as `from`). */
      readonly to: ArrayLike<number>;
    };

/** The symmetric graph as sorted, de-duplicated neighbour lists (no self loops). */
export function connectivityGraph(connectivity: Connectivity, index: NeighborIndex): number[][] {
  return drainShardProgram(connectivityGraphProgram(connectivity, index));
}

/**
 * `connectivityGraph` as a fit program: the same graph, with a `pause()` every 256 k-nearest
 * queries, where an async driver may yield and stop on an abort.
 */
export function* connectivityGraphProgram(
  connectivity: Connectivity,
  index: NeighborIndex,
): Generator<ShardEffect, number[][], unknown> {
  const n = index.size;
  const lists: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const add = (i: number, j: number) => {
    if (i === j) return;
    lists[i].add(j);
    lists[j].add(i);
  };
  if (connectivity.kind === 'k-nearest') {
    assertInteger(connectivity.k, 'connectivity.k', 1, n - 1);
    const k = connectivity.k;
    const heap = new KnnHeap(k);
    const indices = new Int32Array(k);
    const distances = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      if ((i & 255) === 255) yield* pause();
      index.knnOfRow(i, heap, indices, distances, 0);
      for (let j = 0; j < k; j++) add(i, indices[j]);
    }
  } else if (connectivity.kind === 'edges') {
    const { from, to } = connectivity;
    if (from.length !== to.length) {
      throw new InvalidInputError(
        { argument: 'connectivity.to', value: to.length },
        `expected ${from.length} entries (as many as connectivity.from)`,
      );
    }
    for (let e = 0; e < from.length; e++) {
      const i = from[e];
      const j = to[e];
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw new InvalidInputError(
          { argument: 'connectivity.from', row: e, value: i },
          `expected a row index in [0, ${n})`,
        );
      if (!Number.isInteger(j) || j < 0 || j >= n)
        throw new InvalidInputError(
          { argument: 'connectivity.to', row: e, value: j },
          `expected a row index in [0, ${n})`,
        );
      add(i, j);
    }
  } else {
    throw new InvalidInputError(
      { argument: 'connectivity', value: (connectivity as { kind?: unknown }).kind },
      "expected kind 'k-nearest' or 'edges'",
    );
  }
  return lists.map((set) => Array.from(set).sort((x, y) => x - y));
}
