import { createReadStream } from 'node:fs';
import { throwIfAborted } from '@mixkit/core';
import { invalidText, TableError } from '@mixkit/csv';
import { CsvError } from 'csv-parse';
import { CliError } from '../cliError.js';
import { RecordParser, type RecordSink } from './recordParser.js';
import { type TableFile, unreadable } from './tableFile.js';

/** Bytes read from the file per step. */
const READ_BYTES = 1 << 20;

/**
 * One pass over a table file: its bytes are read 1 MiB at a time, decoded (UTF-8 or UTF-16,
 * bytes that are not valid text are an error naming the line), and parsed by csv-parse's
 * streaming parser, which hands every record to `sink` (the header first). The generator
 * yields the bytes read so far after each step, so a caller can show progress and hand work
 * to its own consumer between steps; memory is one step's bytes and records, whatever the
 * file's size. Aborting `signal` stops the pass at the next step.
 */
export async function* readRecords(
  file: TableFile,
  sink: RecordSink,
  signal?: AbortSignal,
): AsyncGenerator<number, void, void> {
  const parser = new RecordParser({ delimiter: file.delimiter }, sink);
  let failure: unknown;
  parser.on('error', (error) => {
    failure ??= error;
  });
  const decoder = new TextDecoder(file.encoding.encoding, { fatal: true });
  const stream = createReadStream(file.path, { highWaterMark: READ_BYTES });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfAborted(signal, 'reading');
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw await badText(file, chunk, bytes);
      }
      parser.write(text);
      bytes += chunk.length;
      if (failure !== undefined) throw parseFailure(file, failure);
      yield bytes;
    }
    try {
      parser.write(decoder.decode());
    } catch {
      throw new CliError(
        `${file.path}: the file ends inside a character (a cut-off multi-byte sequence)`,
      );
    }
    await new Promise<void>((resolve) => parser.end(resolve));
    if (failure !== undefined) throw parseFailure(file, failure);
  } catch (error) {
    if (
      error instanceof CliError ||
      TableError.isInstance(error) ||
      (error as Error).name === 'AbortedError'
    ) {
      throw error;
    }
    if ((error as NodeJS.ErrnoException).code !== undefined) throw unreadable(file.path, error);
    throw error;
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

function parseFailure(file: TableFile, error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    return new TableError(
      line === undefined ? { source: file.path } : { source: file.path, line },
      `cannot parse as CSV: ${error.message}`,
    );
  }
  return error;
}

/**
 * The error for bytes of `chunk` (which starts at byte `offset` of the file) that are not valid
 * text, located in the whole file: the lines before the chunk are counted by reading the file
 * again up to it (only on this error path, in bounded memory).
 */
async function badText(file: TableFile, chunk: Buffer, offset: number): Promise<CliError> {
  const { encoding, bom } = file.encoding;
  // The first chunk still holds the byte-order mark, which the decoder skipped.
  const skip = offset === 0 ? bom : 0;
  const error = invalidText(chunk.subarray(skip), encoding, file.path, {
    offset: offset + skip,
    line: offset === 0 ? 1 : await lineAt(file, offset),
  });
  return new CliError(error.message);
}

/** The 1-based line on which byte `offset` of the file lies (offset at a chunk boundary). */
async function lineAt(file: TableFile, offset: number): Promise<number> {
  const decoder = new TextDecoder(file.encoding.encoding);
  const stream = createReadStream(file.path, { end: offset - 1, highWaterMark: READ_BYTES });
  let line = 1;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
  }
  return line;
}
