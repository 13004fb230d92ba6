import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.DegenerateComponentError';
const symbol = Symbol.for(marker);

/**
 * Why a component's parameters could not be estimated from its statistics.
 * - `empty`: the total weight is zero (or too small to estimate anything).
 * - `singular`: a covariance (or similar) matrix is not positive definite even after regularization.
 * - `no-support`: the statistics pin a parameter to the edge of its domain (e.g. a zero variance,
 *   a Gamma shape that diverges) so no proper density exists.
 */
export type DegeneracyReason = 'empty' | 'singular' | 'no-support';

/**
 * Thrown by `ComponentFamily.estimate` when the statistics admit no proper parameters.
 * The EM runner catches it, re-seeds the component and reports a warning in the fit result;
 * callers using a family directly see it as a typed error.
 */
export class DegenerateComponentError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;
  /** Why the parameters could not be estimated. */
  readonly reason: DegeneracyReason;
  /** The kind of the family that failed (e.g. `'gaussian-full'`). */
  /** The `kind` of the family that could not estimate. */
  readonly family: string;
  /** What was wrong, without the family and reason (the message is built from all three). */
  readonly detail: string;

  constructor(family: string, reason: DegeneracyReason, detail: string) {
    super(
      'DegenerateComponentError',
      `${family}: cannot estimate parameters (${reason}): ${detail}`,
    );
    this.family = family;
    this.reason = reason;
    this.detail = detail;
  }

  static override isInstance(error: unknown): error is DegenerateComponentError {
    return MixkitError.hasMarker(error, marker);
  }
}
