import { NOISE } from '@mixkit/core';
import type { NeighborBuffer } from '@mixkit/neighbors';

/**
 * DBSCAN's per-fit workspace: which rows are core samples, and each core row's neighbourhood
 * (compressed rows: `count[i]` indices from `start[i]` in `lists`); a non-core row's are dropped.
 * Memory: the core rows' neighbourhoods. Its loops are plain methods, not in the fit's generator,
 * where V8 compiles them worse (measured in callgrind: ~16% more instructions).
 */
export class CoreNeighbourhoods {
  /** 1 for core samples. */
  readonly isCore: Uint8Array;
  /** Where each core row's neighbours start in `lists`. */
  readonly start: Int32Array;
  /** How many neighbours each core row has. */
  readonly count: Int32Array;
  /** The core rows' neighbours, one run per row. */
  lists: Int32Array;
  /** Entries of `lists` in use. */
  used = 0;

  constructor(n: number) {
    this.isCore = new Uint8Array(n);
    this.start = new Int32Array(n);
    this.count = new Int32Array(n);
    this.lists = new Int32Array(Math.max(1024, 4 * n));
  }

  /**
   * Keeps the neighbourhoods of the core rows among s0..s1 − 1, whose neighbours are in `buffer`
   * (`blockCounts` per row, in row order): a row is core when its neighbourhood, itself counted,
   * holds at least `minPts` rows (or weight). Returns the neighbours read.
   */
  keepBlock(
    buffer: NeighborBuffer,
    blockCounts: Int32Array,
    s0: number,
    s1: number,
    weights: Float64Array | undefined,
    minPts: number,
  ): number {
    const { isCore, start, count } = this;
    let at = 0;
    for (let i = s0; i < s1; i++) {
      const found = blockCounts[i - s0];
      const from = at;
      at += found;
      let mass = weights === undefined ? 1 + found : weights[i];
      if (weights !== undefined) for (let j = from; j < at; j++) mass += weights[buffer.indices[j]];
      if (mass < minPts) continue;
      isCore[i] = 1;
      if (this.used + found > this.lists.length) {
        const grown = new Int32Array(Math.max(2 * this.lists.length, this.used + found));
        grown.set(this.lists.subarray(0, this.used));
        this.lists = grown;
      }
      this.lists.set(buffer.indices.subarray(from, at), this.used);
      start[i] = this.used;
      count[i] = found;
      this.used += found;
    }
    return at;
  }

  /**
   * Labels `label` the cluster of core row `seed`: every row reachable through core rows'
   * neighbourhoods and not labelled yet (`stack`: n entries of scratch). Returns the neighbours
   * read.
   */
  expand(labels: Int32Array, stack: Int32Array, seed: number, label: number): number {
    const { isCore, start, count, lists } = this;
    let work = 0;
    labels[seed] = label;
    let top = 0;
    stack[top++] = seed;
    while (top > 0) {
      const p = stack[--top];
      const end = start[p] + count[p];
      work += count[p];
      for (let j = start[p]; j < end; j++) {
        const q = lists[j];
        if (labels[q] !== NOISE) continue;
        labels[q] = label;
        if (isCore[q] === 1) stack[top++] = q;
      }
    }
    return work;
  }
}
