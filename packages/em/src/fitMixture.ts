import { type MatrixInput, throwIfAborted } from '@mixkit/core';
import { type FitMixtureOptions, iterateEm } from './iterateEm.js';
import type { MixtureModel } from './mixtureModel.js';

/**
 * Fits a mixture by EM: k copies of one family (`{family, nComponents}`) or one family per
 * component (`{components: [...]}`), synchronously, by draining `iterateEm`. Calls
 * `onIteration` after every iteration and checks `signal` between iterations (a synchronous
 * fit only sees a signal aborted by `onIteration` or beforehand; use `fitMixtureAsync` for
 * timeouts).
 */
export function fitMixture(X: MatrixInput, options: FitMixtureOptions): MixtureModel {
  const steps = iterateEm(X, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    options.onIteration?.(step.value);
    throwIfAborted(options.signal, 'fitMixture');
  }
}
