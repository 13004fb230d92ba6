import { shardRowsFor } from '@mixkit/core';

/**
 * Rows per shard of an EM pass: about (d + 4) work per row and component, in whole blocks. It
 * depends on the data's shape only, never on the executor, so results do not either.
 */
export function emShardRows(workspace: {
  readonly n: number;
  readonly k: number;
  readonly d: number;
  readonly blockSize: number;
}): number {
  return shardRowsFor(4 * workspace.k * (workspace.d + 4), workspace.blockSize, workspace.n);
}
