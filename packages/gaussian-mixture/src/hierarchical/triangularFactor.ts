/**
 * The upper-triangular factor R (RᵀR = W) of a cluster's scatter matrix W, grown one row of data
 * at a time with Givens rotations, as mclust's `mclrup` keeps it: a cluster of m points has
 * min(m − 1, p) rows. `data` is p x p row-major; rows at and after `rows` are zero.
 */
export class TriangularFactor {
  readonly p: number;
  readonly data: Float64Array;
  rows = 0;

  constructor(p: number) {
    this.p = p;
    this.data = new Float64Array(p * p);
  }

  /** Makes this a copy of `source`. */
  copyFrom(source: TriangularFactor): this {
    this.data.set(source.data);
    this.rows = source.rows;
    return this;
  }

  /** Clears the factor (no rows). */
  clear(): this {
    this.data.fill(0);
    this.rows = 0;
    return this;
  }

  /**
   * Adds the row `v` (overwritten): W ← W + v·vᵀ. Each existing row i rotates v's entry i to
   * zero; while the factor has fewer than p rows, what is left of v becomes its next row.
   */
  addRow(v: Float64Array, offset = 0): void {
    const { p, data } = this;
    const rows = Math.min(this.rows, p);
    for (let i = 0; i < rows; i++) {
      const b = v[offset + i];
      if (b === 0) continue;
      const a = data[i * p + i];
      const r = Math.hypot(a, b);
      const c = a / r;
      const s = b / r;
      data[i * p + i] = r;
      v[offset + i] = 0;
      for (let col = i + 1; col < p; col++) {
        const x = data[i * p + col];
        const y = v[offset + col];
        data[i * p + col] = c * x + s * y;
        v[offset + col] = c * y - s * x;
      }
    }
    if (this.rows < p) {
      const row = this.rows;
      for (let col = row; col < p; col++) data[row * p + col] = v[offset + col];
      this.rows++;
    }
  }

  /** Adds every row of `other` (W ← W + Wₒ), using `scratch` (length p). */
  addFactor(other: TriangularFactor, scratch: Float64Array): void {
    const { p } = this;
    for (let i = 0; i < other.rows; i++) {
      for (let col = 0; col < p; col++) scratch[col] = other.data[i * p + col];
      this.addRow(scratch);
    }
  }

  /**
   * mclust's `det2mc`: log det(W·s²) = 2·Σⱼ log|Rⱼⱼ·s| for a full factor, or -Infinity when a
   * diagonal entry is zero.
   */
  logDeterminant(s: number): number {
    const { p, data } = this;
    let sum = 0;
    for (let j = 0; j < p; j++) {
      const q = Math.abs(data[j * p + j] * s);
      if (q === 0) return Number.NEGATIVE_INFINITY;
      sum += Math.log(q);
    }
    return 2 * sum;
  }
}
