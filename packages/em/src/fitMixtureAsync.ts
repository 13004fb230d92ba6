import { type MatrixInput, throwIfAborted } from '@mixkit/core';
import { type FitMixtureOptions, iterateEm } from './iterateEm.js';
import type { MixtureModel } from './mixtureModel.js';

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

/**
 * A macrotask turn: `setImmediate` where it exists (Node), else a `MessageChannel` message
 * (browsers; unlike `setTimeout(0)` it is not clamped to 4 ms), else `setTimeout`.
 */
function yieldToEventLoop(): Promise<void> {
  const scope = globalThis as {
    setImmediate?: (callback: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  return new Promise((resolve) => {
    if (scope.setImmediate) {
      scope.setImmediate(resolve);
    } else if (scope.MessageChannel) {
      const channel = new scope.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    } else {
      setTimeout(resolve, 0);
    }
  });
}
