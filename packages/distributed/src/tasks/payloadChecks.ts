import type { JsonValue } from '@mixkit/core';
import { DistributedError } from '../errors/distributedError.js';

/** A plain object read from a payload, or `invalid-payload`. */
export function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DistributedError('invalid-payload', `${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** An integer in `[min, max]` read from a payload, or `invalid-payload`. */
export function integer(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DistributedError('invalid-payload', `${what} must be an integer in [${min}, ${max}]`);
  }
  return value;
}

/** A `Float64Array` of `length` (any length when undefined) read from a payload. */
export function float64s(value: unknown, what: string, length?: number): Float64Array {
  if (!(value instanceof Float64Array) || (length !== undefined && value.length !== length)) {
    throw new DistributedError(
      'invalid-payload',
      `${what} must be a Float64Array${length === undefined ? '' : ` of length ${length}`}`,
    );
  }
  return value;
}

/** `float64s`, or undefined when the payload holds none. */
export function optionalFloat64s(
  value: unknown,
  what: string,
  length: number,
): Float64Array | undefined {
  return value === undefined || value === null ? undefined : float64s(value, what, length);
}

/** One of `choices`, read from a payload. */
export function oneOf<T extends string>(value: unknown, what: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) {
    throw new DistributedError('invalid-payload', `${what} must be one of ${choices.join(', ')}`);
  }
  return found;
}

/** Whether a payload value is JSON (no typed arrays): what family options are. */
export function isJsonValue(value: unknown): value is JsonValue {
  if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isJsonValue);
}
