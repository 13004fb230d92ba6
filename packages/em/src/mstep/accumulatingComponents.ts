import type { AnyComponentFamily } from '@mixkit/core';

/**
 * Which components accumulate statistics in a pass: all but the frozen ones, except that a
 * frozen component of a family with `estimateAll` still accumulates (its statistics feed the
 * shared parameters of its siblings, e.g. a tied covariance). 1 = accumulate.
 */
export function accumulatingComponents(
  families: readonly AnyComponentFamily[],
  frozen: Uint8Array,
): Uint8Array {
  const mask = new Uint8Array(families.length);
  for (let c = 0; c < families.length; c++) {
    mask[c] = frozen[c] === 1 && families[c].estimateAll === undefined ? 0 : 1;
  }
  return mask;
}
