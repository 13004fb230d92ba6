import { DegenerateComponentError } from '@mixkit/core';

/**
 * Throws `DegenerateComponentError(kind, 'empty')` unless the total weight is positive and finite:
 * the M-step of every family divides by it.
 */
export function assertWeight(kind: string, weight: number): void {
  if (!(weight > 0 && weight < Number.POSITIVE_INFINITY)) {
    throw new DegenerateComponentError(kind, 'empty', `total weight is ${weight}`);
  }
}
