import { InvalidInputError, type JsonValue } from '@mixkit/core';

/**
 * The spec's options as an options object for a factory, which validates the values itself.
 * Throws InvalidInputError unless they are a JSON object.
 */
export function specOptions<T>(options: JsonValue, kind: string): T {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InvalidInputError(
      { argument: 'spec.options', value: options },
      `${kind}: expected an options object`,
    );
  }
  return options as T;
}
