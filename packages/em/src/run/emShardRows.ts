import { evenShardRows, shardRowsFor } from '@mixkit/core';

/**
 * Rows per shard of an EM pass: about (d + 4) work per row and component, sized in whole blocks,
 * then evened out over the same number of shards (`evenShardRows`), so that the contiguous runs
 * of shards a pool gives its workers hold nearly the same rows (a short last shard left one
 * worker idle at every pass). It depends on the data's shape only, never on the executor, so
 * results do not either.
 */
export function emShardRows(workspace: {
  readonly n: number;
  readonly k: number;
  readonly d: number;
  readonly blockSize: number;
}): number {
  const { n, k, d, blockSize } = workspace;
  return evenShardRows(n, shardRowsFor(4 * k * (d + 4), blockSize, n));
}
