import { MixkitError } from './mixkitError.js';

const marker = 'mixkit.error.DisposedDataError';
const symbol = Symbol.for(marker);

/** Thrown when prepared data (`prepareData` of `@mixkit/linalg`) is used after `dispose()`. */
export class DisposedDataError extends MixkitError {
  /** @internal The brand that `isInstance` looks for (works across duplicate installs). */
  readonly [symbol] = true;
  /** The argument that held the disposed data, e.g. `'X'`. */
  readonly argument: string;

  constructor(argument: string) {
    super(
      'DisposedDataError',
      `Invalid ${argument}: this prepared data was disposed; prepare the data again (prepareData) or pass the matrix itself`,
    );
    this.argument = argument;
  }

  static override isInstance(error: unknown): error is DisposedDataError {
    return MixkitError.hasMarker(error, marker);
  }
}
