/**
 * Python's `heapq` (heapify, heappush, heappop with its `_siftup`/`_siftdown`), step for step,
 * on entries (weight, a, b) compared by weight alone, as scikit-learn's `WeightedEdge` compares.
 * With equal weights the pop order depends on the heap's exact moves, so reproducing
 * scikit-learn's connectivity-constrained complete/average trees on tied distances needs this
 * very algorithm, not just any heap.
 */
export class WeightHeap {
  private weights: Float64Array;
  private as: Int32Array;
  private bs: Int32Array;
  size = 0;

  constructor(capacity = 64) {
    this.weights = new Float64Array(Math.max(1, capacity));
    this.as = new Int32Array(Math.max(1, capacity));
    this.bs = new Int32Array(Math.max(1, capacity));
  }

  /** Appends without ordering (then call `heapify`), as `list.extend`. */
  append(weight: number, a: number, b: number): void {
    if (this.size === this.weights.length) this.grow();
    this.weights[this.size] = weight;
    this.as[this.size] = a;
    this.bs[this.size] = b;
    this.size++;
  }

  heapify(): void {
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftUp(i);
  }

  push(weight: number, a: number, b: number): void {
    this.append(weight, a, b);
    this.siftDown(0, this.size - 1);
  }

  /** Pops into `out` as [weight, a, b]. */
  pop(out: [number, number, number]): void {
    const last = --this.size;
    if (last === 0) {
      out[0] = this.weights[0];
      out[1] = this.as[0];
      out[2] = this.bs[0];
      return;
    }
    out[0] = this.weights[0];
    out[1] = this.as[0];
    out[2] = this.bs[0];
    this.move(last, 0);
    this.siftUp(0);
  }

  /** heapq._siftdown: bubble the entry at `pos` up towards `start`. */
  private siftDown(start: number, pos: number): void {
    const w = this.weights[pos];
    const a = this.as[pos];
    const b = this.bs[pos];
    while (pos > start) {
      const parent = (pos - 1) >> 1;
      if (w < this.weights[parent]) {
        this.move(parent, pos);
        pos = parent;
        continue;
      }
      break;
    }
    this.weights[pos] = w;
    this.as[pos] = a;
    this.bs[pos] = b;
  }

  /** heapq._siftup: move the smaller child up until a leaf, then bubble the entry back up. */
  private siftUp(pos: number): void {
    const end = this.size;
    const start = pos;
    const w = this.weights[pos];
    const a = this.as[pos];
    const b = this.bs[pos];
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      if (right < end && !(this.weights[child] < this.weights[right])) child = right;
      this.move(child, pos);
      pos = child;
      child = 2 * pos + 1;
    }
    this.weights[pos] = w;
    this.as[pos] = a;
    this.bs[pos] = b;
    this.siftDown(start, pos);
  }

  private move(from: number, to: number): void {
    this.weights[to] = this.weights[from];
    this.as[to] = this.as[from];
    this.bs[to] = this.bs[from];
  }

  private grow(): void {
    const weights = new Float64Array(this.weights.length * 2);
    weights.set(this.weights);
    const as = new Int32Array(this.as.length * 2);
    as.set(this.as);
    const bs = new Int32Array(this.bs.length * 2);
    bs.set(this.bs);
    this.weights = weights;
    this.as = as;
    this.bs = bs;
  }
}
