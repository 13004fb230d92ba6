import { InvalidInputError } from '@mixkit/core';

/**
 * A distance between rows.
 * - `'euclidean'`: √Σ(a−b)².
 * - `'manhattan'`: Σ|a−b|.
 * - `'cosine'`: 1 − a·b / (‖a‖‖b‖); rows must not be all zeros.
 * - `'precomputed'`: the data is an n x n matrix of distances (row i, column j = d(i, j)).
 */
export type Metric = 'euclidean' | 'manhattan' | 'cosine' | 'precomputed';

/** Every metric, for validation and for tests that run over all of them. */
export const METRICS: readonly Metric[] = ['euclidean', 'manhattan', 'cosine', 'precomputed'];

/** Throws a typed error unless `value` names a metric. */
export function assertMetric(value: unknown, argument = 'metric'): asserts value is Metric {
  if (typeof value !== 'string' || !(METRICS as readonly string[]).includes(value)) {
    throw new InvalidInputError({ argument, value }, `expected one of ${METRICS.join(', ')}`);
  }
}
