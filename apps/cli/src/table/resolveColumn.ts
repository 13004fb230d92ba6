import { CliError } from '../cliError.js';

/**
 * The 0-based header index named by a command-line selector: an exact column name, or else a
 * 1-based column number (as `cut -f` counts). Throws a `CliError` naming the option and listing
 * the columns when nothing matches.
 */
export function resolveColumn(
  file: string,
  header: readonly string[],
  selector: string,
  option: string,
): number {
  const byName = header.indexOf(selector);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(selector)) {
    const number = Number(selector);
    if (number >= 1 && number <= header.length) return number - 1;
    throw new CliError(
      `${file}: ${option} ${selector}: column number out of range (the file has ${header.length} columns)`,
    );
  }
  throw new CliError(
    `${file}: ${option} ${selector}: unknown column name (columns: ${header.map((h) => `"${h}"`).join(', ')})`,
  );
}
