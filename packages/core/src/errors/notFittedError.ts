import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.NotFittedError';
const symbol = Symbol.for(marker);

/** Thrown when a model is used (predict, score, sample) before it has been fitted. */
export class NotFittedError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;

  constructor(what: string) {
    super('NotFittedError', `${what} is not fitted yet: call fit() first`);
  }

  static override isInstance(error: unknown): error is NotFittedError {
    return MixkitError.hasMarker(error, marker);
  }
}
