import { DegenerateComponentError } from '@mixkit/core';
import type { GaussianModelFamily } from '@mixkit/distributions';

/** A family that notes whether any of its M-steps found a singular covariance. */
export interface WatchedFamily {
  readonly family: GaussianModelFamily;
  /** True once an M-step threw `DegenerateComponentError` (mclust reports NA there). */
  singular(): boolean;
}

/**
 * Wraps `family` so a fit driven step by step can tell that EM hit a degenerate M-step (the
 * runner recovers by re-seeding, where mclust stops and reports no BIC). Every member is the
 * family's own; `estimate` and `estimateAll` only record the error on the way out.
 */
export function watchSingular(family: GaussianModelFamily): WatchedFamily {
  let flagged = false;
  const note = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (DegenerateComponentError.isInstance(error)) flagged = true;
      throw error;
    }
  };
  const { estimateAll } = family;
  return {
    family: {
      ...family,
      estimate: (stats, previous) => note(() => family.estimate(stats, previous)),
      ...(estimateAll === undefined
        ? {}
        : {
            estimateAll: (stats, previous) => note(() => estimateAll.call(family, stats, previous)),
          }),
    },
    singular: () => flagged,
  };
}
