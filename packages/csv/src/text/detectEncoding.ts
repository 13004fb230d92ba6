/** The text encodings a table file may come in: UTF-8 (plain ASCII included) or UTF-16. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What `detectEncoding` found at the start of a file. */
export interface DetectedEncoding {
  /** The encoding the bytes are in. */
  readonly encoding: TextEncoding;
  /** Length in bytes of the byte-order mark the bytes start with (0 when there is none). */
  readonly bom: number;
  /** True when there is no byte-order mark and the encoding was told from the zero bytes. */
  readonly guessed: boolean;
}

/**
 * The encoding of a text file from its first bytes (a few kilobytes are plenty): a byte-order
 * mark (EF BB BF, FF FE, FE FF) says it outright. Without one, UTF-16 text of mostly ASCII
 * characters (as tables are: digits, delimiters, names) has a zero byte in every other
 * position, which UTF-8 text never has; a file is taken as UTF-16 when at least 40% of its
 * code units have a zero high byte on one side and (almost) none on the other. Anything else
 * is UTF-8. Spreadsheet programs write "Unicode text" as UTF-16LE with a mark; that is the
 * case this exists for.
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: 3, guessed: false };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, guessed: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2, guessed: false };
  const units = Math.floor(Math.min(head.length, 4096) / 2);
  if (units === 0) return { encoding: 'utf-8', bom: 0, guessed: false };
  let evenZeros = 0;
  let oddZeros = 0;
  for (let u = 0; u < units; u++) {
    if (head[2 * u] === 0) evenZeros++;
    if (head[2 * u + 1] === 0) oddZeros++;
  }
  if (oddZeros >= 0.4 * units && evenZeros <= 0.02 * units) {
    return { encoding: 'utf-16le', bom: 0, guessed: true };
  }
  if (evenZeros >= 0.4 * units && oddZeros <= 0.02 * units) {
    return { encoding: 'utf-16be', bom: 0, guessed: true };
  }
  return { encoding: 'utf-8', bom: 0, guessed: false };
}
