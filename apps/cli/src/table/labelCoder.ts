/**
 * Integer codes for the values of a label column, one per distinct text in order of first
 * appearance (enough for the adjusted Rand index, which ignores how classes are numbered),
 * stored in a growing `Int32Array`: 4 bytes a row.
 */
export class LabelCoder {
  private readonly codes = new Map<string, number>();
  private data: Int32Array;
  private length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  /** Appends the code of `value`. */
  add(value: string): void {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(value, code);
    }
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = code;
  }

  /**
   * Forgets the codes added so far but keeps the texts' codes, so that the codes of a long file
   * can be taken block by block (`labels`, then `clear`) in constant memory.
   */
  clear(): void {
    this.length = 0;
  }

  /** The codes added so far, one per row. */
  labels(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
