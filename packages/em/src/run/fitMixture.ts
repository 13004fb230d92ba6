import {
  type AnyComponentFamily,
  assertNoWorkers,
  type MatrixInput,
  type ParamsOf,
  throwIfAborted,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import { type FitMixtureOptions, iterateEm } from './iterateEm.js';

/**
 * Fits a mixture by EM: k copies of one family (`{family, nClusters}`) or one family per
 * component (`{components: [...]}`), synchronously, by draining `iterateEm`, in the caller's
 * thread. Calls `onIteration` after every iteration and checks `signal` between iterations (a
 * synchronous fit only sees a signal aborted by `onIteration` or beforehand; use
 * `fitMixtureAsync` for timeouts and for worker executors).
 */
export function fitMixture<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): MixtureModel<ParamsOf<Family>> {
  assertNoWorkers(options.executor, 'fitMixture');
  const steps = iterateEm(X, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onIteration?.(step.value);
    throwIfAborted(options.signal, 'fitMixture');
  }
}
