/**
 * A growable list of (index, distance) pairs that radius queries append to. A fit keeps one per
 * workspace and clears it before each query, so a query allocates only when a neighbourhood is
 * larger than every one before it.
 */
export class NeighborBuffer {
  /** Row indices of the neighbours found, in `[0, count)`. */
  indices: Int32Array;
  /** Their distances, in the metric's own units, in `[0, count)`. */
  distances: Float64Array;
  /** Number of valid entries. */
  count = 0;

  constructor(capacity = 64) {
    this.indices = new Int32Array(Math.max(1, capacity));
    this.distances = new Float64Array(Math.max(1, capacity));
  }

  /** Empties the buffer for a new query (keeps its memory). */
  clear(): void {
    this.count = 0;
  }

  /** Appends one (row, distance) pair, growing the arrays when full. */
  push(index: number, distance: number): void {
    if (this.count === this.indices.length) this.grow();
    this.indices[this.count] = index;
    this.distances[this.count] = distance;
    this.count++;
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    const distances = new Float64Array(this.distances.length * 2);
    distances.set(this.distances);
    this.indices = indices;
    this.distances = distances;
  }
}
