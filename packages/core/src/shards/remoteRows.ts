import { InvalidInputError } from '../errors/invalidInputError.js';

/**
 * A data set whose rows live with an executor's workers (a distributed cluster's shard files)
 * and never in this process: only its shape is known here. A fit given one runs every pass over
 * rows as shard tasks on its executor and refuses, with a typed error naming the option, what
 * would need the rows in this process.
 */
export interface RemoteRows {
  /** Marks the shape as rows kept elsewhere (a `MatrixInput` never has this field). */
  readonly kind: 'remote-rows';
  /** Rows of the data set. */
  readonly rows: number;
  /** Columns per row. */
  readonly cols: number;
}

/** A `RemoteRows` of `rows` x `cols` (positive integers). */
export function remoteRows(rows: number, cols: number): RemoteRows {
  for (const [argument, value] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidInputError({ argument, value }, 'must be an integer >= 1');
    }
  }
  return { kind: 'remote-rows', rows, cols };
}

/** Whether `data` is a `RemoteRows` shape rather than rows. */
export function isRemoteRows(data: unknown): data is RemoteRows {
  return typeof data === 'object' && data !== null && 'kind' in data && data.kind === 'remote-rows';
}

/**
 * The error for an option that needs the rows in this process while they live elsewhere
 * (`RemoteRows`): an `InvalidInputError` naming the option and what to use instead.
 */
export function rowsElsewhereError(
  argument: string,
  value: unknown,
  instead: string,
): InvalidInputError {
  return new InvalidInputError(
    { argument, value: typeof value === 'string' || typeof value === 'number' ? value : undefined },
    `needs the data's rows in this process, but they live with the executor's workers (remote rows); ${instead}`,
  );
}
