import { TableError } from './tableError.js';

/** Checks a header row: every column has a name, and no name repeats. */
export function checkHeader(source: string, header: readonly string[]): void {
  const seen = new Map<string, number>();
  header.forEach((name, column) => {
    if (name === '') {
      throw new TableError({ source, line: 1 }, `header column #${column + 1} has no name`);
    }
    const previous = seen.get(name);
    if (previous !== undefined) {
      throw new TableError(
        { source, line: 1 },
        `duplicate column name "${name}" (#${previous + 1} and #${column + 1})`,
      );
    }
    seen.set(name, column);
  });
}

/** Checks that data row `row` (1-based, ending on `line`) has one field per header column. */
export function checkRowLength(
  source: string,
  header: readonly string[],
  record: readonly string[],
  row: number,
  line: number,
): void {
  if (record.length === header.length) return;
  const column = Math.min(record.length, header.length);
  const what =
    record.length < header.length
      ? `missing a value for column "${header[column]}" (#${column + 1})`
      : `has an extra value at column #${column + 1}`;
  throw new TableError(
    { source, row, line },
    `ragged row: ${record.length} fields but the header has ${header.length}; ${what}`,
  );
}
