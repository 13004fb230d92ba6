import { InvalidInputError } from '../errors/invalidInputError.js';
import type { JsonValue } from '../json.js';

/**
 * A vector as JSON. JSON has no infinities, so ±Infinity are written as the strings `"Infinity"`
 * and `"-Infinity"`; finite numbers as themselves (JavaScript prints the shortest form that
 * reads back to the same double, so the round trip is bit-exact). NaN is not expected.
 */
export function numbersToJson(values: ArrayLike<number>): JsonValue {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : v > 0 ? 'Infinity' : '-Infinity'));
}

/** Inverse of `numbersToJson`, with typed errors naming `argument` and the entry. */
export function numbersFromJson(
  json: JsonValue | undefined,
  argument: string,
  length?: number,
): Float64Array {
  if (!Array.isArray(json) || (length !== undefined && json.length !== length)) {
    throw new InvalidInputError(
      { argument, value: json },
      length === undefined ? 'expected an array' : `expected an array of length ${length}`,
    );
  }
  const items = json as readonly JsonValue[];
  const out = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = items[i];
    if (v === 'Infinity') out[i] = Number.POSITIVE_INFINITY;
    else if (v === '-Infinity') out[i] = Number.NEGATIVE_INFINITY;
    else if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
    else throw new InvalidInputError({ argument, row: i, value: v }, 'expected a number');
  }
  return out;
}
