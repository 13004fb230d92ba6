import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type DetectedEncoding, detectEncoding, guessDelimiter, invalidText } from '@mixkit/csv';
import { CliError } from '../cliError.js';

/** A table file, opened once to learn what every later pass over it needs. */
export interface TableFile {
  /** The path as the user gave it (used in messages). */
  readonly path: string;
  /** Size in bytes (for progress and for choosing in-memory or out-of-core fitting). */
  readonly size: number;
  /** Its text encoding, from the byte-order mark or the zero bytes of UTF-16. */
  readonly encoding: DetectedEncoding;
  /** The field delimiter: given, a tab for .tsv/.tab, else guessed from the header line. */
  readonly delimiter: string;
}

/** Bytes read to detect the encoding and the delimiter. */
const HEAD_BYTES = 64 * 1024;

/**
 * Opens `path`, reads its first 64 KiB to tell the encoding (UTF-8, or UTF-16 with or without a
 * byte-order mark) and the delimiter, and closes it. A missing file, a folder, an unreadable
 * file, or a start that is not valid text is a `CliError` (exit 2) naming the file.
 */
export function openTableFile(path: string, delimiter: string | undefined): TableFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError(`${path}: cannot read file (it is a folder)`);
    const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    let filled = 0;
    while (filled < head.length) {
      const read = readSync(fd, head, filled, head.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    const encoding = detectEncoding(head);
    const body = head.subarray(encoding.bom, filled);
    let text: string;
    try {
      text = new TextDecoder(encoding.encoding, { fatal: true }).decode(body, { stream: true });
    } catch {
      throw new CliError(
        invalidText(body, encoding.encoding, path, { offset: encoding.bom }).message,
      );
    }
    return {
      path,
      size: stat.size,
      encoding,
      delimiter: delimiter ?? guessDelimiter(path, text),
    };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

/** `data.csv: cannot read file (no such file)`, from a file-system error. */
export function unreadable(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'ENOTDIR'
            ? 'a part of the path is not a folder'
            : (code ?? String(error));
  return new CliError(`${path}: cannot read file (${reason})`);
}
