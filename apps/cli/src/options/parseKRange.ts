import { CliError } from '../cliError.js';

/** Most numbers of components one command may try (each is a fit of its own). */
export const MAX_K_VALUES = 200;

/**
 * The component counts a `--k` value asks for: `3`, a range `2..8`, or a list `2,3,5` (items of a
 * list may be ranges). Sorted and without duplicates; every count is an integer >= 1. A grid of
 * more than `MAX_K_VALUES` counts is refused here, before any data is read or any memory is
 * spent on it (a range is measured, not expanded, first).
 */
export function parseKRange(text: string): number[] {
  const counts = new Set<number>();
  const add = (k: number) => {
    counts.add(k);
    if (counts.size > MAX_K_VALUES) throw tooMany(text, counts.size);
  };
  for (const item of text.split(',')) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(item);
    if (range) {
      const from = count(text, range[1] as string);
      const to = count(text, range[2] as string);
      if (from > to) throw new CliError(`--k ${text}: range ${item.trim()} is empty (from > to)`);
      if (to - from + 1 > MAX_K_VALUES) throw tooMany(text, to - from + 1);
      for (let k = from; k <= to; k++) add(k);
    } else if (/^\s*\d+\s*$/.test(item)) {
      add(count(text, item.trim()));
    } else {
      throw new CliError(`--k ${text}: expected a count (3), a range (2..8) or a list (2,3,5)`);
    }
  }
  if (counts.has(0)) throw new CliError(`--k ${text}: the number of components must be at least 1`);
  return [...counts].sort((a, b) => a - b);
}

function count(text: string, digits: string): number {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new CliError(`--k ${text}: ${digits} is too large`);
  return value;
}

function tooMany(text: string, size: number): CliError {
  return new CliError(
    `--k ${text}: ${size.toLocaleString('en-US')} numbers of components, one fit each; a grid takes at most ${MAX_K_VALUES} (e.g. --k 2..20, or --k 2,4,8,16,32)`,
  );
}
