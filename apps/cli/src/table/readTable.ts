import { readFileSync } from 'node:fs';
import { type RawTable as ParsedTable, parseTable, TableError } from '@mixkit/csv';
import { CliError } from '../cliError.js';

/** A text table as read from disk: a header and rectangular rows of raw strings. */
export interface RawTable extends ParsedTable {
  /** The path as the user gave it (used in messages; the same as `source`). */
  readonly file: string;
}

export interface ReadTableOptions {
  /** Field delimiter; by default a tab for `.tsv`/`.tab` files, else sniffed from the header. */
  readonly delimiter?: string;
}

/**
 * Reads a CSV/TSV file with a header row, by the rules of `@mixkit/csv` (the playground reads
 * uploaded data by the same ones). Every failure (missing file, bad quoting, a row whose length
 * differs from the header's, an empty or duplicate column name, no data rows) is a `CliError`
 * naming the file and, where there is one, the row, line and column.
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
  try {
    const table = parseTable(text, {
      source: file,
      ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    });
    return { ...table, file };
  } catch (error) {
    if (TableError.isInstance(error)) throw new CliError(error.message);
    throw error;
  }
}
