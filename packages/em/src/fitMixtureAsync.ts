import { type MatrixInput, throwIfAborted } from '@mixkit/core';
import { type FitMixtureOptions, iterateEm } from './iterateEm.js';
import type { MixtureModel } from './mixtureModel.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';

/**
 * `fitMixture` that yields to the event loop after every iteration, so timers and
 * `AbortSignal.timeout(ms)` can fire and a UI stays responsive. Rejects with `AbortedError`
 * once `signal` aborts. Same result, bit for bit, as `fitMixture` with the same options.
 */
export async function fitMixtureAsync(
  X: MatrixInput,
  options: FitMixtureOptions,
): Promise<MixtureModel> {
  const steps = iterateEm(X, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onIteration?.(step.value);
    await yieldToEventLoop();
    throwIfAborted(options.signal, 'fitMixture');
  }
}
