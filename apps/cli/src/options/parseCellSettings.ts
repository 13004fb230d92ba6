import type { CellSettings, DecimalName } from './fitSettings.js';
import { decimalNames } from './fitSettings.js';
import { parseChoices } from './parseChoices.js';

/**
 * `--decimal point|comma` and `--na <tokens>`: how cells are read. The empty cell is always
 * missing; `--na` replaces the other missing-value tokens (default `NA`; `--na none` leaves only
 * the empty cell).
 */
export function parseCellSettings(
  decimal: string,
  na: readonly string[] | undefined,
): CellSettings {
  const [name] = parseChoices<DecimalName>('--decimal', decimal, decimalNames);
  const tokens = na === undefined ? ['NA'] : na.filter((token) => token !== 'none');
  return { decimal: name === 'comma' ? ',' : '.', missing: ['', ...new Set(tokens)] };
}
