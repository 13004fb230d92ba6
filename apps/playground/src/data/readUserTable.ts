import { encodeNumbers, parseNumber, parseTable, TableError } from '@mixkit/csv';
import { MAX_ROWS } from '../state/playgroundState.js';
import type { PlaygroundData } from './playgroundData.js';

/** A user's table as the page fits it, and what the page did with each column. */
export interface UserData {
  readonly data: PlaygroundData;
  /** What the text came from (a file name or `pasted text`). */
  readonly source: string;
  /** One line per column that is not fitted (a text column) or that gives the true classes. */
  readonly notes: readonly string[];
}

/** Most distinct values a text column may have to serve as the true classes. */
const MAX_CLASSES = 30;

/**
 * Reads a CSV/TSV table the user dropped, chose or pasted, by `@mixkit/csv`'s rules (those of
 * the mixkit CLI): a header row, quoting, delimiter guessing, ragged rows and bad header names
 * are errors naming the row and line. A column counts as numeric when at least half of its cells
 * are numbers; then each of its other cells is an error naming its row, line and column (a typo
 * in a numeric column must not silently drop the column). Other columns are text: the first with
 * few distinct values gives the true classes (scored with the adjusted Rand index), the rest are
 * left out; `notes` says which. Throws a `TableError` (its message is located) on any problem.
 */
export function readUserTable(text: string, source: string): UserData {
  const table = parseTable(text, { source });
  const n = table.rows.length;
  if (n > MAX_ROWS) {
    throw new TableError(
      { source },
      `${n.toLocaleString()} rows: the playground fits at most ${MAX_ROWS.toLocaleString()}`,
    );
  }
  const numeric: number[] = [];
  const notes: string[] = [];
  let truth: { column: number; labels: Int32Array; levels: number } | undefined;
  table.header.forEach((name, column) => {
    let numbers = 0;
    for (const row of table.rows) if (parseNumber(row[column] as string) !== undefined) numbers++;
    if (2 * numbers >= n) {
      numeric.push(column);
      return;
    }
    const levels = new Map<string, number>();
    const labels = new Int32Array(n);
    table.rows.forEach((row, i) => {
      const value = row[column] as string;
      let code = levels.get(value);
      if (code === undefined) {
        code = levels.size;
        levels.set(value, code);
      }
      labels[i] = code;
    });
    if (truth === undefined && levels.size >= 2 && levels.size <= MAX_CLASSES) {
      truth = { column, labels, levels: levels.size };
      notes.push(`"${name}" is text: used as the true classes (${levels.size}), not fitted.`);
    } else {
      notes.push(`"${name}" is text: not fitted.`);
    }
  });
  if (numeric.length === 0) {
    throw new TableError(
      { source },
      'no numeric column to fit (a column is numeric when at least half its cells are numbers)',
    );
  }
  const X = encodeNumbers(table, numeric);
  return {
    source,
    notes,
    data: {
      X,
      featureNames: numeric.map((column) => table.header[column] as string),
      ...(truth ? { trueLabels: truth.labels } : {}),
    },
  };
}
