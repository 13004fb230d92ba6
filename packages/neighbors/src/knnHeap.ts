/**
 * The k best candidates of one k-nearest-neighbour query, kept as a binary max-heap on
 * (distance, index): the root is the worst kept candidate, so a new one is compared with it in
 * O(1) and inserted in O(log k). Ties in distance are broken by the lower row index, so every
 * query route (KD-tree, brute force) returns the same neighbours in the same order.
 */
export class KnnHeap {
  /** Distances, in the metric's units, aligned with `indices`. */
  readonly distances: Float64Array;
  /** Row indices of the neighbours. */
  readonly indices: Int32Array;
  /** Number of entries (rows indexed, or candidates kept). */
  size = 0;

  constructor(
    /** k: how many candidates are kept. */
    readonly capacity: number,
  ) {
    this.distances = new Float64Array(capacity);
    this.indices = new Int32Array(capacity);
  }

  /** Empties the heap for a new query. */
  reset(): void {
    this.size = 0;
  }

  /** The distance a candidate must beat (or tie with a lower index) to be kept. */
  worst(): number {
    return this.size < this.capacity ? Number.POSITIVE_INFINITY : this.distances[0];
  }

  /** Offers a candidate; keeps it when it is among the k best so far. */
  offer(distance: number, index: number): void {
    const { distances, indices } = this;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(distance, index, distances[parent], indices[parent])) break;
        distances[i] = distances[parent];
        indices[i] = indices[parent];
        i = parent;
      }
      distances[i] = distance;
      indices[i] = index;
      return;
    }
    if (!worse(distances[0], indices[0], distance, index)) return;
    this.siftDown(distance, index);
  }

  /** Writes the kept candidates in ascending (distance, index) order and empties the heap. */
  drain(outIndices: Int32Array, outDistances: Float64Array, offset: number): void {
    for (let slot = this.size - 1; slot >= 0; slot--) {
      outIndices[offset + slot] = this.indices[0];
      outDistances[offset + slot] = this.distances[0];
      this.size--;
      if (this.size > 0) this.siftDown(this.distances[this.size], this.indices[this.size]);
    }
  }

  private siftDown(distance: number, index: number): void {
    const { distances, indices, size } = this;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && worse(distances[right], indices[right], distances[left], indices[left]))
        child = right;
      if (!worse(distances[child], indices[child], distance, index)) break;
      distances[i] = distances[child];
      indices[i] = indices[child];
      i = child;
    }
    distances[i] = distance;
    indices[i] = index;
  }
}

/** True when (d1, i1) ranks after (d2, i2): farther, or as far with a higher index. */
function worse(d1: number, i1: number, d2: number, i2: number): boolean {
  return d1 > d2 || (d1 === d2 && i1 > i2);
}
