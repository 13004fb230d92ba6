// A decimal number as written in data files: optional sign, digits with an optional fraction,
// optional exponent. Stricter than Number(), which accepts '', '0x1f', 'Infinity' and ' '.
const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a field holds, or undefined when it is not a plain decimal number. */
export function parseNumber(text: string): number | undefined {
  if (!numberPattern.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
