import {
  type AnyComponentFamily,
  createMatrix,
  type Matrix,
  mapShards,
  openShards,
  planShards,
  type RemoteRows,
  type ShardHandle,
  type ShardProgram,
} from '@mixkit/core';
import { emShardRows } from '../run/emShardRows.js';
import { type EmDataInput, type EmDataOutput, emDataTask } from './emDataTask.js';
import { createEmWorkspace, type EmWorkspace, groupFamilies } from './emWorkspace.js';

/** A workspace over rows that live elsewhere, with the session that reads them. */
export interface RemoteData {
  /** The fit's workspace: the shape, the families resolved from the workers' statistics. */
  readonly workspace: EmWorkspace;
  /** The open `emDataTask` session (seeds of `'random-from-data'`); the caller closes it. */
  readonly rows: ShardHandle<EmDataInput, EmDataOutput>;
}

/**
 * The start of a fit whose rows live with the executor's workers (`RemoteRows`): one
 * `emDataTask` round over the EM pass's shards validates the rows and sums each distinct
 * family's statistics shard by shard; merged in shard order they give the bits of the
 * in-process `wholeDataStats`, from which the families resolve their data-relative settings.
 */
export function* openRemoteData(
  X: RemoteRows,
  families: readonly AnyComponentFamily[],
  options: Parameters<typeof createEmWorkspace>[2] & object,
): ShardProgram<never, RemoteData> {
  const blockSize = options.blockSize ?? 1024;
  const shape = { n: X.rows, d: X.cols, k: families.length, blockSize };
  const plan = planShards(X.rows, emShardRows(shape));
  const distinct = groupFamilies(families).map(({ family }) => family);
  const rows = yield* openShards(
    emDataTask,
    {
      X,
      families: distinct.map((family) => family.spec()),
      blockSize,
      shardRows: plan.shardRows,
    },
    plan,
    undefined,
    true,
  );
  const outputs = yield* mapShards(rows, { kind: 'stats' });
  const wholeData = new Map<AnyComponentFamily, unknown>();
  for (const [f, family] of distinct.entries()) {
    let stats = family.createStats(X.cols);
    for (const output of outputs) {
      const shardStats = output.stats?.[f];
      if (shardStats === undefined) throw new RangeError(`a shard sent no statistics for ${f}`);
      stats = family.merge(stats, shardStats);
    }
    wholeData.set(family, stats);
  }
  return { workspace: createEmWorkspace(X, families, { ...options, wholeData }), rows };
}

/**
 * Rows `indices` (fit row numbers, any order, distinct) as a matrix in that order, read by the
 * shards that hold them (`emDataTask`).
 */
export function* fetchRows(
  rows: ShardHandle<EmDataInput, EmDataOutput>,
  indices: readonly number[],
  d: number,
): ShardProgram<never, Matrix> {
  const sorted = Int32Array.from(indices).sort();
  const outputs = yield* mapShards(rows, { kind: 'rows', rows: sorted });
  const ascending = new Float64Array(sorted.length * d);
  let at = 0;
  for (const output of outputs) {
    if (output.values === undefined) throw new RangeError('a shard sent no row values');
    ascending.set(output.values, at);
    at += output.values.length;
  }
  if (at !== ascending.length) throw new RangeError('the shards sent the wrong number of rows');
  const result = createMatrix(indices.length, d);
  for (const [j, row] of indices.entries()) {
    const from = sorted.indexOf(row);
    result.data.set(ascending.subarray(from * d, (from + 1) * d), j * d);
  }
  return result;
}
