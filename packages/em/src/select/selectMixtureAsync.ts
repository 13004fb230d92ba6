import { type MatrixInput, runShardProgram } from '@mixkit/core';
import { selectionProgram } from './selectionProgram.js';
import type { MixtureSelection, SelectMixtureOptions } from './selectionTypes.js';

/**
 * `selectMixture` on `options.executor`, yielding to the event loop between iterations, so
 * `AbortSignal.timeout(ms)` can stop a long grid. Same result, bit for bit. On small data (each
 * candidate's passes one shard) with a seeded source, built-in `init`s, 2 or more workers and
 * no `onIteration`, the restarts of all candidates run across the workers once the first one,
 * timed here, shows they take long enough (`selectionProgram`, `'auto'`); otherwise the
 * candidates run one after the other, each like `fitMixtureAsync`.
 */
export function selectMixtureAsync(
  X: MatrixInput,
  options: SelectMixtureOptions,
): Promise<MixtureSelection> {
  const placement =
    (options.executor?.workers ?? 0) >= 2 && options.onIteration === undefined
      ? 'auto'
      : 'sequential';
  return runShardProgram(selectionProgram(X, options, placement), {
    executor: options.executor,
    signal: options.signal,
    onStep: options.onIteration,
    what: 'selectMixture',
  });
}
