import { type CellOptions, CellReader } from '../cells/cellReader.js';
import { TableError } from '../tableError.js';
import { checkRowLength } from '../tableShape.js';

/** One column of an encoded matrix: where it is in the file and how its cells become numbers. */
export interface EncodedColumn {
  /** 0-based column in the file. */
  readonly index: number;
  /**
   * Levels of a categorical column: a cell becomes its level's position here (a text that is
   * not a level is an error). Absent: the cell must be a number.
   */
  readonly levels?: readonly string[];
}

/**
 * Turns records into rows of a numeric matrix, one record at a time, so a table is encoded as it
 * streams past (into a preallocated matrix, or into chunks for out-of-core fitting): matrix
 * column j is `columns[j]`; numbers by the `CellOptions`, categorical cells as level codes,
 * missing-value tokens as NaN. A ragged row, a text cell in a numeric column or an unknown level
 * is a `TableError` naming the row, line and column.
 */
export class RecordEncoder {
  /** Matrix columns (the length of every encoded row). */
  readonly width: number;
  private readonly reader: CellReader;
  private readonly codes: (ReadonlyMap<string, number> | undefined)[];

  constructor(
    private readonly source: string,
    private readonly header: readonly string[],
    private readonly columns: readonly EncodedColumn[],
    cells?: CellOptions,
  ) {
    this.width = columns.length;
    this.reader = new CellReader(cells);
    this.codes = columns.map((column) =>
      column.levels === undefined
        ? undefined
        : new Map(column.levels.map((level, code) => [level, code])),
    );
  }

  /**
   * Writes data row `row` (1-based, ending on `line`) into `out[offset .. offset + width)`.
   * Returns the number of missing cells written (as NaN).
   */
  encode(
    record: readonly string[],
    row: number,
    line: number,
    out: Float64Array,
    offset: number,
  ): number {
    checkRowLength(this.source, this.header, record, row, line);
    const { columns, codes, reader } = this;
    let missing = 0;
    for (let j = 0; j < columns.length; j++) {
      const index = columns[j].index;
      const text = record[index];
      const levels = codes[j];
      if (levels !== undefined) {
        const code = levels.get(text);
        if (code !== undefined) {
          out[offset + j] = code;
        } else if (reader.isMissing(text)) {
          out[offset + j] = Number.NaN;
          missing++;
        } else {
          throw this.cellError(
            row,
            line,
            j,
            text,
            `"${text}" is not one of the column's levels (${this.levelList(j)})`,
          );
        }
        continue;
      }
      const value = reader.read(text);
      if (value === undefined)
        throw this.cellError(row, line, j, text, `"${text}" is not a number`);
      if (Number.isNaN(value)) missing++;
      out[offset + j] = value;
    }
    return missing;
  }

  private levelList(j: number): string {
    const levels = this.columns[j].levels ?? [];
    const shown = levels.slice(0, 8).map((level) => `"${level}"`);
    return `${shown.join(', ')}${levels.length > shown.length ? ', ...' : ''}`;
  }

  private cellError(
    row: number,
    line: number,
    j: number,
    value: string,
    reason: string,
  ): TableError {
    const column = this.columns[j].index;
    return new TableError(
      { source: this.source, row, line, column, columnName: this.header[column], value },
      reason,
    );
  }
}
