import {
  type AnyComponentFamily,
  type MatrixInput,
  type ParamsOf,
  runShardProgram,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import { emProgram, type FitMixtureOptions } from './iterateEm.js';

/**
 * `fitMixture` on `options.executor` (the caller's thread by default, or a worker pool from
 * `@mixkit/workers`), yielding to the event loop after every iteration and, in the caller's
 * thread, whenever 25 ms of work have passed (also inside the k-means initialisation), so
 * timers and `AbortSignal.timeout(ms)` fire and a UI stays responsive. Rejects with
 * `AbortedError` within about 100 ms of `signal` aborting. Same result, bit for bit, as
 * `fitMixture` with the same options, with any number of workers.
 */
export function fitMixtureAsync<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): Promise<MixtureModel<ParamsOf<Family>>> {
  return runShardProgram(emProgram(X, options), {
    executor: options.executor,
    signal: options.signal,
    onStep: options.onIteration,
    what: 'fitMixture',
  });
}
