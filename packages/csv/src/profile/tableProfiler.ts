import { type CellOptions, CellReader } from '../cells/cellReader.js';
import { TableError } from '../tableError.js';
import { checkHeader, checkRowLength } from '../tableShape.js';
import { ColumnProfile, DEFAULT_LEVEL_LIMIT, DEFAULT_NUMBER_LEVEL_LIMIT } from './columnProfile.js';

/** Options of `TableProfiler`. */
export interface TableProfilerOptions {
  /** What the records came from (a path, a file name, `pasted text`): it starts every message. */
  readonly source: string;
  /** How cells are read (decimal mark, missing-value tokens). */
  readonly cells?: CellOptions;
  /** Distinct texts a column keeps as candidate levels (default 10,000). */
  readonly levelLimit?: number;
  /** The same while a column holds only numbers (default 256). */
  readonly numberLevelLimit?: number;
  /**
   * Which columns to profile, given the header (0-based indices; default all). Columns left out
   * cost nothing beyond the row-length check.
   */
  readonly columns?: (header: readonly string[]) => readonly number[];
}

/** The profile of a whole table: its header, row count and each profiled column. */
export interface TableProfile {
  /** What the records came from, as given in the options. */
  readonly source: string;
  /** The column names (the first record). */
  readonly header: readonly string[];
  /** Data rows (the header excluded). */
  readonly rows: number;
  /** `columns[j]` profiles header column j; undefined for a column left out. */
  readonly columns: readonly (ColumnProfile | undefined)[];
}

/**
 * Profiles a table record by record, as a streaming parser hands them over (the header first),
 * keeping counts rather than cells, so a file of any size is profiled in constant memory (see
 * `ColumnProfile`). Shape errors (a bad header, a ragged row, no rows) are `TableError`s
 * naming the row and line.
 *
 * ```ts
 * const profiler = new TableProfiler({ source: 'data.csv' });
 * profiler.add(['x', 'kind'], 1);
 * profiler.add(['1.5', 'red'], 2);
 * profiler.add(['NA', 'blue'], 3);
 * const { columns } = profiler.finish();
 * columns[0]?.missing.count; // 1
 * ```
 */
export class TableProfiler {
  private header: readonly string[] | undefined;
  private profiles: (ColumnProfile | undefined)[] = [];
  private profiled: ColumnProfile[] = [];
  private rows = 0;
  private readonly reader: CellReader;

  constructor(private readonly options: TableProfilerOptions) {
    this.reader = new CellReader(options.cells);
  }

  /** Adds the next record (the first is the header), which ends on 1-based `line`. */
  add(record: readonly string[], line: number): void {
    const { source } = this.options;
    if (this.header === undefined) {
      checkHeader(source, record);
      this.header = [...record];
      const chosen = this.options.columns?.(this.header) ?? this.header.map((_, j) => j);
      this.profiles = this.header.map(() => undefined);
      for (const j of chosen) {
        this.profiles[j] ??= new ColumnProfile(
          record[j] as string,
          j,
          this.reader,
          this.options.levelLimit ?? DEFAULT_LEVEL_LIMIT,
          this.options.numberLevelLimit ?? DEFAULT_NUMBER_LEVEL_LIMIT,
        );
      }
      this.profiled = this.profiles.filter((p): p is ColumnProfile => p !== undefined);
      return;
    }
    const row = ++this.rows;
    checkRowLength(source, this.header, record, row, line);
    for (const profile of this.profiled) profile.add(record[profile.index] as string, row, line);
  }

  /** The profile; throws when there was no header or no data row. */
  finish(): TableProfile {
    const { source } = this.options;
    if (this.header === undefined) {
      throw new TableError({ source }, 'the file is empty (expected a header row)');
    }
    if (this.rows === 0) throw new TableError({ source }, 'no data rows after the header');
    return { source, header: this.header, rows: this.rows, columns: this.profiles };
  }
}
