import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.AbortedError';
const symbol = Symbol.for(marker);

/** Thrown when long work is stopped through its `AbortSignal`; `cause` is the signal's reason. */
export class AbortedError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;

  constructor(what: string, reason?: unknown) {
    super('AbortedError', `${what} was aborted`, { cause: reason });
  }

  static override isInstance(error: unknown): error is AbortedError {
    return MixkitError.hasMarker(error, marker);
  }
}
