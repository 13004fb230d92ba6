import {
  type AnyComponentFamily,
  iterateShardProgram,
  type MatrixInput,
  type ParamsOf,
  type RemoteRows,
  runShardProgram,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import type { EmStep } from './emStep.js';
import { emProgram, type FitMixtureOptions } from './iterateEm.js';

/**
 * `fitMixture` on `options.executor` (the caller's thread by default, or a worker pool from
 * `@mixkit/workers`), yielding to the event loop whenever 25 ms of work in the caller's thread
 * have passed (checked after every iteration, between shards and inside the k-means
 * initialisation), so
 * timers and `AbortSignal.timeout(ms)` fire and a UI stays responsive. Rejects with
 * `AbortedError` within about 100 ms of `signal` aborting. Same result, bit for bit, as
 * `fitMixture` with the same options, with any number of workers. On small data (a pass of one
 * shard) with several seeded restarts, a built-in `init`, workers and no `onIteration`, the
 * restarts run in parallel, one per worker, instead of their passes.
 *
 * `X` may be `RemoteRows` (only the data's shape) when the executor's workers hold the rows (a
 * `DistributedExecutor` of `@mixkit/distributed` over shard files): the fit then reads no row in
 * this process (the whole data's statistics, the seeds of `'random-from-data'` and the rows
 * re-seeding needs come from shard tasks), with the same bits as the fit of the rows themselves.
 * Options that need the rows here (`sampleWeight`, `priorProbabilities`, another `init` than
 * `'random-from-data'` or given parameters) are refused with an `InvalidInputError` naming them.
 */
export function fitMixtureAsync<Family extends AnyComponentFamily>(
  X: MatrixInput | RemoteRows,
  options: FitMixtureOptions<Family>,
): Promise<MixtureModel<ParamsOf<Family>>> {
  const placement =
    (options.executor?.workers ?? 0) >= 2 && options.onIteration === undefined
      ? 'auto'
      : 'sequential';
  return runShardProgram(emProgram(X, options, placement), {
    executor: options.executor,
    signal: options.signal,
    onStep: options.onIteration,
    what: 'fitMixture',
  });
}

/**
 * `iterateEm` on `options.executor`, as an async step generator: each iteration's `EmStep`
 * (parameters, weights, `model()`) as it comes, with the pacing and abort of `fitMixtureAsync`.
 */
export function iterateEmAsync<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): AsyncGenerator<EmStep<ParamsOf<Family>>, MixtureModel<ParamsOf<Family>>, void> {
  return iterateShardProgram(emProgram(X, options), {
    executor: options.executor,
    signal: options.signal,
    what: 'fitMixture',
  });
}
