import { CliError } from '../cliError.js';

/**
 * The component counts a `--k` value asks for: `3`, a range `2..8`, or a list `2,3,5` (items of a
 * list may be ranges). Sorted and without duplicates; every count is an integer >= 1.
 */
export function parseKRange(text: string): number[] {
  const counts = new Set<number>();
  for (const item of text.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(item);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (from > to) throw new CliError(`--k ${text}: range ${item.trim()} is empty (from > to)`);
      for (let k = from; k <= to; k++) counts.add(k);
    } else if (/^\s*\d+\s*$/.test(item)) {
      counts.add(Number(item));
    } else {
      throw new CliError(`--k ${text}: expected a count (3), a range (2..8) or a list (2,3,5)`);
    }
  }
  if (counts.has(0)) throw new CliError(`--k ${text}: the number of components must be at least 1`);
  return [...counts].sort((a, b) => a - b);
}
