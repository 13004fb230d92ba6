import { InvalidInputError } from '@mixkit/core';

/**
 * How the distance between two clusters is defined.
 * - `'ward'`: the increase in within-cluster sum of squares, as a distance
 *   √(2·|A||B|/(|A|+|B|)) · ‖c_A − c_B‖ (Ward 1963; SciPy's heights); Euclidean rows only.
 * - `'complete'`: the largest distance between their rows.
 * - `'average'`: the mean distance between their rows (UPGMA).
 * - `'single'`: the smallest distance between their rows.
 */
export type LinkageMethod = 'ward' | 'complete' | 'average' | 'single';

/** Every linkage method, for validation and for tests that run over all of them. */
export const LINKAGE_METHODS: readonly LinkageMethod[] = ['ward', 'complete', 'average', 'single'];

/** Throws an `InvalidInputError` unless `value` names a linkage method. */
export function assertLinkageMethod(
  value: unknown,
  argument = 'linkage',
): asserts value is LinkageMethod {
  if (typeof value !== 'string' || !(LINKAGE_METHODS as readonly string[]).includes(value)) {
    throw new InvalidInputError(
      { argument, value },
      `expected one of ${LINKAGE_METHODS.join(', ')}`,
    );
  }
}
