import type { FamilySpec } from '@mixkit/core';
import { DistributedError } from '../errors/distributedError.js';
import { isJsonValue, record } from './payloadChecks.js';

/**
 * Family specs read from a payload: 1 to `max` entries, each a kind (looked up in the worker's
 * registry later, never code) and JSON options; `invalid-payload` otherwise.
 */
export function familySpecs(value: unknown, max: number): FamilySpec[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > max) {
    throw new DistributedError('invalid-payload', `the setup needs 1 to ${max} family specs`);
  }
  return value.map((spec, c) => {
    const { kind, options } = record(spec, `family spec ${c}`);
    if (typeof kind !== 'string' || !isJsonValue(options)) {
      throw new DistributedError(
        'invalid-payload',
        `family spec ${c} needs a kind and JSON options`,
      );
    }
    return { kind, options };
  });
}
