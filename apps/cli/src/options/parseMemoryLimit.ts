import { totalmem } from 'node:os';
import { CliError } from '../cliError.js';

const units: Readonly<Record<string, number>> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * `--memory-limit`: bytes the numeric data may take in memory (8 bytes a cell) before
 * `--out-of-core auto` fits out of core. A number of MiB (`512`), or with a unit (`800M`,
 * `2G`, `1.5g`). Default: half the machine's memory.
 */
export function parseMemoryLimit(text: string | undefined): number {
  if (text === undefined) return Math.floor(totalmem() / 2);
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT])?(?:i?[bB])?\s*$/.exec(text);
  const value = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !(value > 0)) {
    throw new CliError(
      `--memory-limit ${text}: expected a size such as 512 (MiB), 800M or 2G, greater than 0`,
    );
  }
  const unit = (match[2] ?? 'm').toLowerCase();
  return Math.floor(value * (units[unit] as number));
}
