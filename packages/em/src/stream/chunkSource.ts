import { InvalidInputError, type MatrixInput } from '@mixkit/core';

/**
 * Where out-of-core EM reads its data: a function returning a fresh (async) iterable of row
 * chunks each time it is called, one call per pass over the data. Chunks may have any number
 * of rows (even 0 or 1) and must have the same columns; every pass must yield the same rows.
 * E.g. `() => readChunks(file, 100_000)` with an async generator reading a file in slices.
 */
export type ChunkSource = () => AsyncIterable<MatrixInput> | Iterable<MatrixInput>;

/** Calls `source` and checks that it returned an iterable. */
export function openChunks(
  source: ChunkSource,
): AsyncIterable<MatrixInput> | Iterable<MatrixInput> {
  if (typeof source !== 'function') {
    throw new InvalidInputError(
      { argument: 'source' },
      'expected a function returning an (async) iterable of chunks',
    );
  }
  const chunks = source() as unknown;
  const iterable =
    chunks != null &&
    (typeof (chunks as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function' ||
      typeof (chunks as Iterable<unknown>)[Symbol.iterator] === 'function');
  if (!iterable) {
    throw new InvalidInputError(
      { argument: 'source' },
      'source() must return an iterable or async iterable of chunks',
    );
  }
  return chunks as AsyncIterable<MatrixInput> | Iterable<MatrixInput>;
}
