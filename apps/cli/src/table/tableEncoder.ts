import { type CellOptions, describeLocation, type EncodedColumn, RecordEncoder } from '@mixkit/csv';
import { CliError } from '../cliError.js';
import type { ColumnPlan } from './columnKind.js';
import type { LabelCoder } from './labelCoder.js';

/**
 * Turns the records of a data file into rows of the model's matrix: the planned columns in
 * matrix order (`RecordEncoder` of @mixkit/csv: numbers, level codes, NaN for missing cells),
 * the `vmf` block divided by its length (a direction), and the label column's value handed to
 * `labels`. Rows are counted from the first record after the header.
 */
export class TableEncoder {
  /** Matrix columns. */
  readonly width: number;
  private readonly records: RecordEncoder;
  private readonly directions: { readonly start: number; readonly end: number } | undefined;
  private row = 0;

  constructor(
    private readonly source: string,
    header: readonly string[],
    private readonly columns: readonly ColumnPlan[],
    cells: CellOptions,
    private readonly label?: { readonly index: number; readonly coder: LabelCoder },
  ) {
    const encoded: EncodedColumn[] = columns.map((column) =>
      column.levels === undefined
        ? { index: column.sourceIndex }
        : { index: column.sourceIndex, levels: column.levels },
    );
    this.records = new RecordEncoder(source, header, encoded, cells);
    this.width = columns.length;
    const start = columns.findIndex((column) => column.kind === 'vmf');
    this.directions =
      start < 0
        ? undefined
        : { start, end: start + columns.filter((column) => column.kind === 'vmf').length };
  }

  /**
   * Encodes the next data record, which ends on `line`, into `out[offset .. offset + width)`;
   * returns the number of missing cells written (NaN).
   */
  encode(record: readonly string[], line: number, out: Float64Array, offset: number): number {
    const row = ++this.row;
    const missing = this.records.encode(record, row, line, out, offset);
    if (this.directions !== undefined) this.normalize(out, offset, row, line);
    if (this.label !== undefined) this.label.coder.add(record[this.label.index]);
    return missing;
  }

  /**
   * Divides the vmf block of a row by its Euclidean length, computed on the row scaled by its
   * largest magnitude so that squares cannot overflow (a zero row has no direction).
   */
  private normalize(out: Float64Array, offset: number, row: number, line: number): void {
    const { start, end } = this.directions as { start: number; end: number };
    let largest = 0;
    for (let j = offset + start; j < offset + end; j++) {
      const magnitude = Math.abs(out[j]);
      if (Number.isNaN(magnitude)) return; // a missing cell: counted and refused elsewhere
      if (magnitude > largest) largest = magnitude;
    }
    if (largest === 0) {
      const names = this.columns.slice(start, end).map((column) => `"${column.name}"`);
      throw new CliError(
        `${describeLocation({ source: this.source, row, line })}: the --vmf columns ${names.join(', ')} are all 0, so the row has no direction (a von Mises-Fisher row needs a nonzero vector)`,
      );
    }
    let squares = 0;
    for (let j = offset + start; j < offset + end; j++) {
      const scaled = out[j] / largest;
      squares += scaled * scaled;
    }
    const length = largest * Math.sqrt(squares);
    for (let j = offset + start; j < offset + end; j++) out[j] /= length;
  }
}
