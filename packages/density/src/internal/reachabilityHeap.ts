/**
 * The OPTICS seed list as a binary min-heap on (reachability, row) with lazy deletion: a row
 * whose reachability improves is pushed again, and stale entries (an older, larger value, or a
 * row already processed) are skipped when popped. The row popped is the one of least current
 * reachability, ties to the higher row index, as R's linear scan picks it (it moves to a later seed on equal reachability when that seed's row index is higher).
 */
export class ReachabilityHeap {
  private keys: Float64Array;
  private rows: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.rows = new Int32Array(Math.max(16, capacity));
  }

  push(row: number, key: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    const { keys, rows } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(key, row, keys[parent], rows[parent])) break;
      keys[i] = keys[parent];
      rows[i] = rows[parent];
      i = parent;
    }
    keys[i] = key;
    rows[i] = row;
  }

  /** The unprocessed row of least reachability, or -1 when only stale entries remain. */
  pop(reachability: Float64Array, processed: Uint8Array): number {
    while (this.size > 0) {
      const row = this.rows[0];
      const key = this.keys[0];
      this.removeTop();
      if (processed[row] === 1) continue;
      if (key !== reachability[row]) continue;
      return row;
    }
    return -1;
  }

  private removeTop(): void {
    const { keys, rows } = this;
    const last = --this.size;
    if (last === 0) return;
    const key = keys[last];
    const row = rows[last];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      let child = left;
      if (left + 1 < last && before(keys[left + 1], rows[left + 1], keys[left], rows[left]))
        child = left + 1;
      if (!before(keys[child], rows[child], key, row)) break;
      keys[i] = keys[child];
      rows[i] = rows[child];
      i = child;
    }
    keys[i] = key;
    rows[i] = row;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const rows = new Int32Array(this.rows.length * 2);
    rows.set(this.rows);
    this.keys = keys;
    this.rows = rows;
  }
}

function before(k1: number, r1: number, k2: number, r2: number): boolean {
  return k1 < k2 || (k1 === k2 && r1 > r2);
}
