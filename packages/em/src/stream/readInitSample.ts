import {
  InvalidInputError,
  type Matrix,
  type MissingPolicy,
  markMissingRows,
  throwIfAborted,
  toMatrix,
} from '@mixkit/core';
import { type ChunkSource, openChunks } from './chunkSource.js';

/**
 * The rows an out-of-core fit initialises from: whole leading chunks until there are at least
 * `minRows` rows (or the source ends). When the first chunk is enough it is used as is;
 * otherwise the leading chunks are copied into one matrix, so no chunk object is kept. Each
 * chunk is checked by `validate` (the families' support) under its own name, its NaN cells kept
 * as missing with `missing: 'marginalize'`. The
 * source is closed (`return()`) as soon as enough rows are read.
 */
export async function readInitSample(
  source: ChunkSource,
  minRows: number,
  validate: (X: Matrix, argument: string) => void,
  signal: AbortSignal | undefined,
  missing: MissingPolicy = 'error',
): Promise<Matrix> {
  const pieces: Float64Array[] = [];
  let rows = 0;
  let cols = 0;
  let index = 0;
  for await (const input of openChunks(source)) {
    throwIfAborted(signal, 'fitMixtureStream');
    const argument = `chunks[${index++}]`;
    const X = toMatrix(input, { argument, allowEmpty: true, missing });
    if (X.rows === 0) continue;
    validate(X, argument);
    if (rows === 0) {
      cols = X.cols;
      if (X.rows >= minRows) return X;
    } else if (X.cols !== cols) {
      throw new InvalidInputError(
        { argument, value: X.cols },
        `expected ${cols} columns like the first chunk`,
      );
    }
    pieces.push(X.data.slice());
    rows += X.rows;
    if (rows >= minRows) break;
  }
  if (rows === 0) throw new InvalidInputError({ argument: 'source' }, 'the source yielded no rows');
  const data = new Float64Array(rows * cols);
  let offset = 0;
  for (const piece of pieces) {
    data.set(piece, offset);
    offset += piece.length;
  }
  // The joined rows' marks, afresh (each chunk's were its own).
  return missing === 'marginalize'
    ? markMissingRows({ rows, cols, data }).matrix
    : { rows, cols, data };
}
