// csv-parse's browser build: the same parser as its Node entry, with the Buffer it needs
// bundled, so this package runs unchanged in Node and in a browser page.
import { CsvError, parse } from 'csv-parse/browser/esm/sync';
import { guessDelimiter } from './guessDelimiter.js';
import { TableError } from './tableError.js';
import { checkHeader, checkRowLength } from './tableShape.js';

/** A text table: a header and rectangular rows of raw (trimmed) strings. */
export interface RawTable {
  /** What the text came from (used in messages). */
  readonly source: string;
  /** The column names from the first row. */
  readonly header: readonly string[];
  /** The data rows (the header excluded), each with exactly `header.length` fields. */
  readonly rows: readonly (readonly string[])[];
  /** `lines[i]` is the 1-based line on which data row `i` ends. */
  readonly lines: readonly number[];
  /** The field delimiter used (given, or guessed). */
  readonly delimiter: string;
}

/** Options of `parseTable`. */
export interface ParseTableOptions {
  /** What the text came from: a path, a file name, `pasted text`. It starts every message. */
  readonly source: string;
  /** Field delimiter; by default guessed (see `guessDelimiter`). */
  readonly delimiter?: string;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Parses CSV/TSV text with a header row (RFC 4180 quoting, a leading byte-order mark dropped,
 * fields trimmed, blank lines skipped). Every failure is a `TableError` naming the source and,
 * where there is one, the row, line and column: bad quoting, a row whose length differs from
 * the header's, an empty or duplicate column name, no header, no data rows.
 *
 * ```ts
 * const table = parseTable('x,y\n1,2\n3,4\n', { source: 'points.csv' });
 * table.header; // ['x', 'y']
 * table.rows; // [['1', '2'], ['3', '4']]
 * ```
 */
export function parseTable(text: string, options: ParseTableOptions): RawTable {
  const { source } = options;
  const delimiter = options.delimiter ?? guessDelimiter(source, text);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      // Row length is checked below, so the message can name the row and the header's length.
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      throw new TableError({ source }, `cannot parse as CSV: ${error.message}`);
    }
    throw error;
  }
  const first = records[0];
  if (first === undefined)
    throw new TableError({ source }, 'the file is empty (expected a header row)');
  const header = first.record;
  checkHeader(source, header);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i] as ParsedRecord;
    checkRowLength(source, header, record, i, info.lines);
    rows.push(record);
    lines.push(info.lines);
  }
  if (rows.length === 0) throw new TableError({ source }, 'no data rows after the header');
  return { source, header, rows, lines, delimiter };
}
