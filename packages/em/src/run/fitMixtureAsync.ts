import {
  type AnyComponentFamily,
  type MatrixInput,
  type ParamsOf,
  throwIfAborted,
} from '@mixkit/core';
import type { MixtureModel } from '../model/mixtureModel.js';
import { type FitMixtureOptions, iterateEm } from './iterateEm.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';

/**
 * `fitMixture` that yields to the event loop after every iteration, so timers and
 * `AbortSignal.timeout(ms)` can fire and a UI stays responsive. Rejects with `AbortedError`
 * once `signal` aborts. Same result, bit for bit, as `fitMixture` with the same options.
 */
export async function fitMixtureAsync<Family extends AnyComponentFamily>(
  X: MatrixInput,
  options: FitMixtureOptions<Family>,
): Promise<MixtureModel<ParamsOf<Family>>> {
  const steps = iterateEm(X, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onIteration?.(step.value);
    await yieldToEventLoop();
    throwIfAborted(options.signal, 'fitMixture');
  }
}
