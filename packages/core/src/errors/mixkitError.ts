const marker = 'mixkit.error';
const baseSymbol = Symbol.for(marker);

/**
 * Base class of every error mixkit throws.
 *
 * Errors are branded with `Symbol.for('mixkit.error')` (and one symbol per subclass) so that
 * `isInstance` works across duplicate installs of a package, where `instanceof` does not.
 */
export class MixkitError extends Error {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [baseSymbol] = true;

  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }

  /** True for any mixkit error, whichever copy of the package threw it. */
  static isInstance(error: unknown): error is MixkitError {
    return MixkitError.hasMarker(error, marker);
  }

  /**
   * True when `error` carries the brand `Symbol.for(name)`: what each subclass's `isInstance`
   * checks with its own name (`'mixkit.error.InvalidInputError'`, ...).
   */
  protected static hasMarker(error: unknown, name: string): boolean {
    return (
      error != null &&
      typeof error === 'object' &&
      Symbol.for(name) in error &&
      (error as Record<symbol, unknown>)[Symbol.for(name)] === true
    );
  }
}
