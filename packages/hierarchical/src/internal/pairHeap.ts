/**
 * A binary min-heap of candidate merges (value, i, j), ordered like Python tuples: by value,
 * then i, then j. This is the order in which scikit-learn's `heapq` pops its
 * (inertia, row, col) tuples in the connectivity-constrained Ward tree.
 */
export class PairHeap {
  private values = new Float64Array(64);
  private is = new Int32Array(64);
  private js = new Int32Array(64);
  size = 0;

  push(value: number, i: number, j: number): void {
    if (this.size === this.values.length) this.grow();
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(value, i, j, this.values[parent], this.is[parent], this.js[parent])) break;
      this.move(parent, at);
      at = parent;
    }
    this.values[at] = value;
    this.is[at] = i;
    this.js[at] = j;
  }

  /** Pops the least entry into `out` as [value, i, j]. */
  pop(out: [number, number, number]): void {
    const { values, is, js } = this;
    out[0] = values[0];
    out[1] = is[0];
    out[2] = js[0];
    const last = --this.size;
    const value = values[last];
    const i = is[last];
    const j = js[last];
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= last) break;
      let child = left;
      const right = left + 1;
      if (
        right < last &&
        before(values[right], is[right], js[right], values[left], is[left], js[left])
      )
        child = right;
      if (!before(values[child], is[child], js[child], value, i, j)) break;
      this.move(child, at);
      at = child;
    }
    values[at] = value;
    is[at] = i;
    js[at] = j;
  }

  private move(from: number, to: number): void {
    this.values[to] = this.values[from];
    this.is[to] = this.is[from];
    this.js[to] = this.js[from];
  }

  private grow(): void {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    const is = new Int32Array(this.is.length * 2);
    is.set(this.is);
    const js = new Int32Array(this.js.length * 2);
    js.set(this.js);
    this.values = values;
    this.is = is;
    this.js = js;
  }
}

function before(v1: number, i1: number, j1: number, v2: number, i2: number, j2: number): boolean {
  return v1 < v2 || (v1 === v2 && (i1 < i2 || (i1 === i2 && j1 < j2)));
}
