import {
  AbortedError,
  closeShards,
  openShards,
  planShards,
  runShardProgramSync,
  type ShardHandle,
  type ShardProgram,
} from '@mixkit/core';
import { type EmPassInput, type EmPassOutput, emPassTask, passSetup } from '../estep/emPassTask.js';
import type { EmWorkspace } from '../workspace/emWorkspace.js';
import { emShardRows } from './emShardRows.js';

/**
 * Runs one whole restart to its end in this thread, as a whole-restart shard task does in a
 * worker: its passes are one in-thread session of `emPassTask` over the workspace's shards (the
 * plan the fit's thread uses, so the same bits), and `aborted` is checked between its steps, so
 * an aborted round stops the restart at its next iteration with an `AbortedError` naming `fit`.
 * Shared by em's `@mixkit/em:restart` and the variational restart task of gaussian-mixture.
 */
export function runRestartInThread<Result>(
  workspace: EmWorkspace,
  restart: (passes: ShardHandle<EmPassInput, EmPassOutput>) => ShardProgram<unknown, Result>,
  aborted: (() => boolean) | undefined,
  fit: string,
): Result {
  const steps = runShardProgramSync(
    (function* () {
      const passes = yield* openShards(
        emPassTask,
        passSetup(workspace),
        planShards(workspace.n, emShardRows(workspace)),
        workspace,
      );
      const result = yield* restart(passes);
      yield* closeShards(passes);
      return result;
    })(),
  );
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (aborted?.() === true) throw new AbortedError(fit);
  }
}
