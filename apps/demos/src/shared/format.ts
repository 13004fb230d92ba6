/** Up to `digits` significant digits, without trailing zeros. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const text = value.toPrecision(digits);
  return text.includes('e') || !text.includes('.') ? text : text.replace(/\.?0+$/, '');
}

const numeric = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?( ?\*)?$/;

/**
 * A plain-text table, two spaces between columns and every line indented by two spaces: columns
 * of numbers (or empty cells) are right-aligned, other columns left-aligned.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const right = header.map((_, j) =>
    rows.every((r) => (r[j] ?? '') === '' || numeric.test((r[j] ?? '').trim())),
  );
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((cell, j) => (right[j] ? cell.padStart(widths[j] ?? 0) : cell.padEnd(widths[j] ?? 0)))
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)].join('\n');
}

/** A title line underlined with '=' (the first line of every demo's output). */
export function title(text: string): string {
  return `${text}\n${'='.repeat(text.length)}`;
}
