import { TableError } from '../tableError.js';
import { detectEncoding } from './detectEncoding.js';

/**
 * The text of a table file given as bytes: UTF-8 or UTF-16 (little or big endian), told by
 * `detectEncoding`, with any byte-order mark dropped. Bytes that are not valid in that encoding
 * (a Latin-1 or Windows-1252 file read as UTF-8, say) are a `TableError` naming the line and the
 * byte, rather than replacement characters that would silently become new category levels.
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw invalidText(body, encoding, source, { offset: bom });
  }
}

/**
 * The error for bytes that `encoding` cannot decode, naming where the first bad byte is. When
 * `bytes` is a piece of a larger text, `start` says where it begins (its byte offset and
 * 1-based line), so the location is the whole text's.
 */
export function invalidText(
  bytes: Uint8Array,
  encoding: string,
  source: string,
  start: { readonly offset?: number; readonly line?: number } = {},
): TableError {
  const body = bytes;
  const offset = start.offset ?? 0;
  // The longest prefix that decodes locates the first bad byte: a binary search, decoding in
  // streaming mode so that a prefix ending inside a valid multi-byte sequence still counts.
  let good = 0;
  let bad = body.length;
  while (bad - good > 1) {
    const middle = (good + bad) >>> 1;
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body.subarray(0, middle), {
        stream: true,
      });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  // In UTF-8 the decodable prefix may end with the start of the bad sequence (a lead byte
  // waiting for continuation bytes that never come): back up to that lead byte.
  if (encoding === 'utf-8') {
    let start = good;
    while (start > good - 3 && start > 0 && (body[start - 1] & 0xc0) === 0x80) start--;
    if (start > 0 && body[start - 1] >= 0xc0) good = start - 1;
  }
  let line = start.line ?? 1;
  for (let i = 0; i < good; i++) if (body[i] === 0x0a) line++;
  const byte = (body[good] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new TableError(
    { source, line },
    `not ${encoding.toUpperCase()} text (byte 0x${byte} at offset ${offset + good}); save the file as UTF-8 (or UTF-16 with a byte-order mark)`,
  );
}
