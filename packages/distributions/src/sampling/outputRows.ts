import { InvalidInputError } from '@mixkit/core';

/** Where `sample` writes: the buffer and the index of its first entry. */
export interface OutputRows {
  /** The row-major buffer the samples go into. */
  readonly buffer: Float64Array;
  /** Index in `buffer` of the first sample's first entry. */
  readonly offset: number;
}

/**
 * The buffer `sample` writes into: `out` when given (checked to hold rows
 * `[outRow, outRow + n)` of `dimension` columns), otherwise a new n-row buffer written from row 0.
 */
export function outputRows(
  n: number,
  dimension: number,
  out: Float64Array | undefined,
  outRow = 0,
): OutputRows {
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidInputError({ argument: 'n', value: n }, 'expected an integer >= 0');
  }
  if (out === undefined) return { buffer: new Float64Array(n * dimension), offset: 0 };
  if (!Number.isInteger(outRow) || outRow < 0 || (outRow + n) * dimension > out.length) {
    throw new InvalidInputError(
      { argument: 'out', value: out.length },
      `too short for ${n} rows of ${dimension} columns from row ${outRow}`,
    );
  }
  return { buffer: out, offset: outRow * dimension };
}
