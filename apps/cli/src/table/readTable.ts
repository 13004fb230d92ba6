import { readFileSync } from 'node:fs';
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { CliError } from '../cliError.js';

/** A text table as read from disk: a header and rectangular rows of raw strings. */
export interface RawTable {
  /** The path as the user gave it (used in messages). */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** `lines[i]` is the 1-based file line on which data row `i` ends. */
  readonly lines: readonly number[];
  readonly delimiter: string;
}

export interface ReadTableOptions {
  /** Field delimiter; by default a tab for `.tsv`/`.tab` files, else sniffed from the header. */
  readonly delimiter?: string;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * Reads a CSV/TSV file with a header row. Every failure (missing file, bad quoting, a row whose
 * length differs from the header's, an empty or duplicate column name, no data rows) is a
 * `CliError` naming the file and, where there is one, the row, line and column.
 */
export function readTable(file: string, options: ReadTableOptions = {}): RawTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code;
    throw new CliError(`${file}: cannot read file (${reason ?? String(error)})`);
  }
  const delimiter = options.delimiter ?? guessDelimiter(file, text);
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
      throw new CliError(`${file}: cannot parse as CSV: ${error.message}`);
    }
    throw error;
  }
  const first = records[0];
  if (first === undefined) throw new CliError(`${file}: the file is empty (expected a header row)`);
  const header = first.record;
  checkHeader(file, header);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i] as ParsedRecord;
    if (record.length !== header.length) {
      const column = Math.min(record.length, header.length);
      const what =
        record.length < header.length
          ? `missing a value for column "${header[column]}" (#${column + 1})`
          : `has an extra value at column #${column + 1}`;
      throw new CliError(
        `${file}, row ${i} (line ${info.lines}): ragged row: ${record.length} fields but the header has ${header.length}; ${what}`,
      );
    }
    rows.push(record);
    lines.push(info.lines);
  }
  if (rows.length === 0) throw new CliError(`${file}: no data rows after the header`);
  return { file, header, rows, lines, delimiter };
}

function guessDelimiter(file: string, text: string): string {
  if (/\.(tsv|tab)$/i.test(file)) return '\t';
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => headerLine.split(char).length - 1;
  const candidates = [',', '\t', ';'].map((char) => ({ char, n: count(char) }));
  candidates.sort((a, b) => b.n - a.n);
  const best = candidates[0];
  return best !== undefined && best.n > 0 ? best.char : ',';
}

function checkHeader(file: string, header: readonly string[]): void {
  const seen = new Map<string, number>();
  header.forEach((name, column) => {
    if (name === '') {
      throw new CliError(`${file}, line 1: header column #${column + 1} has no name`);
    }
    const previous = seen.get(name);
    if (previous !== undefined) {
      throw new CliError(
        `${file}, line 1: duplicate column name "${name}" (#${previous + 1} and #${column + 1})`,
      );
    }
    seen.set(name, column);
  });
}
