import { shardRowsFor } from '@mixkit/core';
import type { EmWorkspace } from '../workspace/emWorkspace.js';

/**
 * Rows per shard of an EM pass: about (d + 4) work per row and component, in whole blocks. It
 * depends on the data's shape only, never on the executor, so results do not either.
 */
export function emShardRows(workspace: Pick<EmWorkspace, 'n' | 'k' | 'd' | 'blockSize'>): number {
  return shardRowsFor(4 * workspace.k * (workspace.d + 4), workspace.blockSize, workspace.n);
}
