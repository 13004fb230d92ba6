import { CliError } from '../cliError.js';

/** `--delimiter`: one character, or the names `tab`, `comma`, `semicolon` (`\t` also works). */
export function parseDelimiter(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';' };
  const delimiter = named[text] ?? text;
  if (delimiter.length !== 1) {
    throw new CliError(`--delimiter ${text}: expected one character, tab, comma or semicolon`);
  }
  return delimiter;
}
