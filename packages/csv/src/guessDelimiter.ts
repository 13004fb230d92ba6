/**
 * The field delimiter of a table: a tab for a `.tsv`/`.tab` source, else whichever of comma, tab
 * and semicolon occurs most often in the header line (comma when none does).
 */
export function guessDelimiter(source: string, text: string): string {
  if (/\.(tsv|tab)$/i.test(source)) return '\t';
  const end = text.search(/\r?\n|$/);
  const headerLine = text.slice(0, end);
  const count = (char: string) => headerLine.split(char).length - 1;
  const candidates = [',', '\t', ';'].map((char) => ({ char, n: count(char) }));
  candidates.sort((a, b) => b.n - a.n);
  const best = candidates[0];
  return best !== undefined && best.n > 0 ? best.char : ',';
}
