import { createMatrix, type Matrix } from '@mixkit/core';
import { parseNumber } from './cells/parseNumber.js';
import type { RawTable } from './parseTable.js';
import { TableError } from './tableError.js';

/**
 * The n x d matrix of the table's `columns` (0-based header indices; matrix column j is
 * `columns[j]`), every cell a plain decimal number (see `parseNumber`). The first cell that is
 * empty or not a number throws a `TableError` naming its row, line and column; the message also
 * counts the other bad cells, so a user learns the size of the problem at once.
 */
export function encodeNumbers(table: RawTable, columns: readonly number[]): Matrix {
  const n = table.rows.length;
  const d = columns.length;
  const X = createMatrix(n, d);
  let first: TableError | undefined;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const row = table.rows[i] as readonly string[];
    for (let j = 0; j < d; j++) {
      const column = columns[j] as number;
      const text = row[column] ?? '';
      const value = parseNumber(text);
      if (value !== undefined) {
        X.data[i * d + j] = value;
        continue;
      }
      bad++;
      first ??= new TableError(
        {
          source: table.source,
          row: i + 1,
          line: table.lines[i] as number,
          column,
          columnName: table.header[column] as string,
          value: text,
        },
        text === ''
          ? 'empty value (missing values are not supported)'
          : `"${text}" is not a number`,
      );
    }
  }
  if (first !== undefined) {
    if (bad === 1) throw first;
    throw new TableError(
      first.location,
      `${first.reason} (and ${bad - 1} more bad cell${bad === 2 ? '' : 's'})`,
    );
  }
  return X;
}
