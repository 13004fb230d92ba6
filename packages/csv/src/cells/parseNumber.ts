/** The character between a number's whole and fractional parts: `'.'` (1.5) or `','` (1,5). */
export type DecimalMark = '.' | ',';

// A decimal number as written in data files: optional sign, digits with an optional fraction,
// optional exponent. Stricter than Number(), which accepts '', '0x1f', 'Infinity' and ' '.
const pointPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const commaPattern = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The finite number a field holds, or undefined when it is not a plain decimal number with a
 * decimal point (`-2.5`, `.5`, `1e-3`).
 */
export function parseNumber(text: string): number | undefined {
  if (!pointPattern.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The finite number a field written with a decimal comma holds (`1,5` is 1.5, `-0,25`, `3,2e4`),
 * or undefined; with this mark `1.5` is not a number (a point there would be a thousands
 * separator, which is not read).
 */
export function parseCommaNumber(text: string): number | undefined {
  if (!commaPattern.test(text)) return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * True when `text` is a number written with a decimal comma (`1,5`, `-0,25`, `3,2e4`) and not a
 * number with a decimal point: the cells a decimal-comma locale writes, which are text to a
 * parser that expects points. (A comma followed by exactly three digits, `1,500`, could also be
 * a thousands separator; such cells count too, and the message shows one to the user.)
 */
export function hasDecimalComma(text: string): boolean {
  return text.includes(',') && commaPattern.test(text);
}
