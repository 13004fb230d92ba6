/** How `formatTable` lays out a table. */
export interface TableLayout {
  /**
   * Per column, `'left'` or `'right'`. Default: a column whose cells are all numbers (or empty,
   * or `-`; a trailing ` ± ...` is ignored) is right-aligned, any other left-aligned.
   */
  readonly align?: readonly ('left' | 'right')[];
  /** A mark printed before each row (e.g. `'*'` for the chosen one), in a column of its own. */
  readonly marks?: readonly string[];
}

const numberPattern = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?$|^[-+]?(Infinity|NaN)$/;

function isNumeric(cell: string): boolean {
  const value = cell.replace(/ ± .*$/, '');
  return value === '' || value === '-' || numberPattern.test(value);
}

/**
 * A plain-text table, columns two spaces apart and trailing spaces trimmed: what the CLI prints
 * and what `formatSelectionTable` returns. One home, so every table in mixkit reads the same.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  layout: TableLayout = {},
): string {
  const widths = header.map((title, j) =>
    Math.max(title.length, ...rows.map((row) => (row[j] ?? '').length)),
  );
  const align =
    layout.align ??
    header.map((_, j) => (rows.every((row) => isNumeric(row[j] ?? '')) ? 'right' : 'left'));
  const { marks } = layout;
  const markWidth = marks === undefined ? 0 : Math.max(0, ...marks.map((m) => m.length)) + 1;
  const line = (cells: readonly string[], mark = '') =>
    (marks === undefined ? '' : mark.padEnd(markWidth)) +
    cells
      .map((cell, j) =>
        align[j] === 'right' ? cell.padStart(widths[j] ?? 0) : cell.padEnd(widths[j] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map((row, i) => line(row, marks?.[i] ?? ''))].join('\n');
}
