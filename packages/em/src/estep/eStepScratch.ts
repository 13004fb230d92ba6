/**
 * The kept (non-negligible) entries of a chunk of rows, in row then component order: their
 * block index and `v - max`, then `exp(v - max)`; and per row the end of its run and its max.
 */
export interface KeptEntries {
  readonly at: Int32Array;
  readonly value: Float64Array;
  readonly rowEnd: Int32Array;
  readonly rowMax: Float64Array;
  /** k zeros: the log weights of the max pass once priors were added. */
  readonly zeros: Float64Array;
}

/**
 * The E-step's scratch memory, owned by one fit (its workspace) or one scoring call, never by
 * a module: two fits running at once (async fits, workers) each have their own. Buffers are
 * grown on demand and then reused, so a pass allocates nothing once the shape is known.
 */
export class EStepScratch {
  private kept: KeptEntries | undefined;
  private rowOut = new Float64Array(0);
  private zeroTotals = new Float64Array(0);

  /** The kept-entry lists for chunks of `chunkRows` rows of `k` components. */
  keptEntries(chunkRows: number, k: number): KeptEntries {
    const kept = this.kept;
    if (
      kept !== undefined &&
      kept.rowEnd.length >= chunkRows &&
      kept.at.length >= chunkRows * k &&
      kept.zeros.length === k
    ) {
      return kept;
    }
    this.kept = {
      at: new Int32Array(chunkRows * k),
      value: new Float64Array(chunkRows * k),
      rowEnd: new Int32Array(chunkRows),
      rowMax: new Float64Array(chunkRows),
      zeros: new Float64Array(k),
    };
    return this.kept;
  }

  /** Per-row max, Σe and kept count written by the WebAssembly kernel (3 doubles a row). */
  kernelRows(rows: number): Float64Array {
    if (this.rowOut.length < 3 * rows) this.rowOut = new Float64Array(3 * rows);
    return this.rowOut;
  }

  /** k zeroed totals, for a pass that keeps none (the kernel always adds to some). */
  unusedTotals(k: number): Float64Array {
    if (this.zeroTotals.length !== k) this.zeroTotals = new Float64Array(k);
    return this.zeroTotals.fill(0);
  }
}
