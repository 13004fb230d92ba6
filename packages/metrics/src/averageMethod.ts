import { assertUnreachable, InvalidInputError } from '@mixkit/core';

/**
 * How NMI and AMI normalise the mutual information by the two entropies `U` and `V`:
 * `min(U, V)`, `sqrt(U V)`, `(U + V) / 2` (scikit-learn's default) or `max(U, V)`.
 */
export type AverageMethod = 'min' | 'geometric' | 'arithmetic' | 'max';

/** The generalised mean of two entropies (scikit-learn's `_generalized_average`). */
export function generalizedAverage(u: number, v: number, method: AverageMethod): number {
  switch (method) {
    case 'min':
      return Math.min(u, v);
    case 'geometric':
      return Math.sqrt(u * v);
    case 'arithmetic':
      return (u + v) / 2;
    case 'max':
      return Math.max(u, v);
    default:
      return assertUnreachable(method, 'average method');
  }
}

const methods: readonly string[] = ['min', 'geometric', 'arithmetic', 'max'];

/** Resolves the `average` option (default `'arithmetic'`), rejecting unknown names. */
export function toAverageMethod(value: unknown): AverageMethod {
  if (value === undefined) return 'arithmetic';
  if (typeof value !== 'string' || !methods.includes(value)) {
    throw new InvalidInputError(
      { argument: 'average', value },
      "expected 'min', 'geometric', 'arithmetic' or 'max'",
    );
  }
  return value as AverageMethod;
}
