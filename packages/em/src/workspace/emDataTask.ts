import {
  type AnyComponentFamily,
  type FamilySpec,
  finitePrefix,
  InvalidInputError,
  isRemoteRows,
  type Matrix,
  type RemoteRows,
  rowsElsewhereError,
  type Shard,
  type ShardTask,
} from '@mixkit/core';
import { shardDataStats } from './wholeDataStats.js';

/** What every thread serving a fit's row reads rebuilds its state from. */
export interface EmDataSetup {
  /** The whole data set, or its shape when the rows live with the executor's workers. */
  readonly X: Matrix | RemoteRows;
  /** The mixture's distinct families as given (before `forData`), as specs. */
  readonly families: readonly FamilySpec[];
  /** Rows per block (statistics are accumulated a block at a time, as in-process). */
  readonly blockSize: number;
  /** Rows per shard of the plan (shard s starts at row `s * shardRows` of the fit). */
  readonly shardRows: number;
}

/**
 * One request over every shard: `'stats'` validates the shard's rows (finite, each family's
 * `validate`) and sends each family's statistics of them; `'rows'` sends the values of the
 * requested rows (fit indices, ascending) that fall in the shard.
 */
export type EmDataInput =
  | {
      /** Validate the rows and send each family's statistics of them. */
      readonly kind: 'stats';
    }
  | {
      /** Send the values of the requested rows. */
      readonly kind: 'rows';
      /** Fit row numbers, ascending. */
      readonly rows: Int32Array;
    };

/** One shard's answer: statistics per family (a `'stats'` request) or rows' values (`'rows'`). */
export interface EmDataOutput {
  /** Each family's statistics of the shard's rows, in `EmDataSetup.families` order. */
  readonly stats: readonly unknown[] | undefined;
  /** The requested rows of the shard, in request order, row-major. */
  readonly values: Float64Array | undefined;
}

/** A thread's state: its families and its rows. */
export interface EmDataState {
  readonly families: readonly AnyComponentFamily[];
  readonly X: Matrix;
  readonly setup: EmDataSetup;
}

/**
 * The reads of the data a fit needs besides its passes (`@mixkit/em:data`), as shard tasks, so a
 * fit whose rows live with the executor's workers (`RemoteRows`) never reads a row in its own
 * process: the whole data's statistics (what families' `forData` and re-seeding need, merged in
 * shard order: the bits of `wholeDataStats`) with the data's validation, and the values of a few
 * rows (the seeds of `'random-from-data'`). A shard's own numbering may start at 0 (a worker's
 * rebuilt shard): fit rows are placed through `shard.index * shardRows`.
 */
export const emDataTask: ShardTask<EmDataSetup, EmDataInput, EmDataOutput, EmDataState, undefined> =
  {
    name: '@mixkit/em:data',
    open(setup, context) {
      const { X } = setup;
      if (isRemoteRows(X)) {
        throw rowsElsewhereError('executor', undefined, 'use an executor whose workers hold them');
      }
      return { families: setup.families.map((spec) => context.resolveFamily(spec)), X, setup };
    },
    run(state, input, shard) {
      return input.kind === 'stats'
        ? shardStats(state, shard)
        : shardRows(state, input.rows, shard);
    },
  };

function shardStats(state: EmDataState, shard: Shard): EmDataOutput {
  const { families, X, setup } = state;
  const d = X.cols;
  const first = shard.index * setup.shardRows;
  const data = X.data.subarray(shard.start * d, shard.end * d);
  // The scan goes eight values at a time: the first non-finite value is at or after its end.
  let finite = finitePrefix(data);
  while (finite < data.length && Number.isFinite(data[finite])) finite++;
  if (finite < data.length) {
    const at = shard.start * d + finite;
    throw new InvalidInputError(
      {
        argument: 'X',
        row: first + Math.floor(finite / d),
        column: finite % d,
        value: X.data[at],
      },
      'must be finite',
    );
  }
  const rows: Matrix = { rows: shard.end - shard.start, cols: d, data };
  for (const family of families) family.validate(rows, 'X');
  return {
    stats: families.map((family) =>
      shardDataStats(family, X, shard.start, shard.end, undefined, setup.blockSize),
    ),
    values: undefined,
  };
}

function shardRows(state: EmDataState, wanted: Int32Array, shard: Shard): EmDataOutput {
  const { X, setup } = state;
  const d = X.cols;
  const first = shard.index * setup.shardRows;
  const last = first + (shard.end - shard.start);
  let count = 0;
  for (const row of wanted) if (row >= first && row < last) count++;
  const values = new Float64Array(count * d);
  let j = 0;
  for (const row of wanted) {
    if (row < first || row >= last) continue;
    const at = shard.start + row - first;
    values.set(X.data.subarray(at * d, (at + 1) * d), j * d);
    j++;
  }
  return { stats: undefined, values };
}
