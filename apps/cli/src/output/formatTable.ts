import { parseNumber } from '@mixkit/csv';

/**
 * Plain-text table, columns two spaces apart: a column whose cells are all numbers (or empty)
 * is right-aligned, any other column left-aligned. `marks[i]` (e.g. '*') is printed before row i.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  marks?: readonly string[],
): string {
  const widths = header.map((title, j) =>
    Math.max(title.length, ...rows.map((row) => (row[j] ?? '').length)),
  );
  const numeric = header.map((_, j) =>
    rows.every((row) => {
      const cell = (row[j] ?? '').replace(/ ± .*$/, '');
      return cell === '' || parseNumber(cell) !== undefined;
    }),
  );
  const markWidth = marks ? Math.max(...marks.map((m) => m.length)) + 1 : 0;
  const line = (cells: readonly string[], mark = '') =>
    (marks ? mark.padEnd(markWidth) : '') +
    cells
      .map((cell, j) => (numeric[j] ? cell.padStart(widths[j] ?? 0) : cell.padEnd(widths[j] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map((row, i) => line(row, marks?.[i] ?? ''))].join('\n');
}
