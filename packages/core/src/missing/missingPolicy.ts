import { InvalidInputError } from '../errors/invalidInputError.js';

/**
 * What a fit (and the model it returns) does with missing cells, NaN in the data (empty or
 * `NA` cells, once a reader has turned them into NaN):
 * - `'error'` (the default everywhere): NaN is invalid input, an `InvalidInputError` naming its
 *   row and column;
 * - `'marginalize'`: NaN cells are missing at random and are marginalised out of the likelihood
 *   (each family's `missingCells` treatment; a family that has none is refused with
 *   `UnsupportedMissingCellsError`).
 */
export type MissingPolicy = 'error' | 'marginalize';

/** The policies, in documentation order. */
export const missingPolicies: readonly MissingPolicy[] = ['error', 'marginalize'];

/** Validates a `missing` option (default `'error'`) and returns it. */
export function resolveMissingPolicy(value: unknown, argument = 'missing'): MissingPolicy {
  if (value === undefined) return 'error';
  if (value === 'error' || value === 'marginalize') return value;
  throw new InvalidInputError({ argument, value }, "expected 'error' or 'marginalize'");
}
