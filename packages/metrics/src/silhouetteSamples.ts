import { InvalidInputError, type MatrixInput } from '@mixkit/core';
import { toClusteredData } from './clusteredData.js';
import { silhouetteRows } from './silhouette/silhouetteRows.js';
import type { SilhouetteOptions } from './silhouetteOptions.js';

/**
 * The silhouette value of every row (Rousseeuw 1987), in [-1, 1], as scikit-learn's
 * `silhouette_samples`: `(b - a) / max(a, b)`, where `a` is the row's mean distance to the rest
 * of its cluster and `b` its smallest mean distance to another cluster; 0 for singleton clusters.
 *
 * Exact, O(n^2 d) time, and O(blockSize * n) memory (blocked; never the n x n matrix).
 * Writes to `out` (length n) when given. Requires 2 <= distinct labels <= n - 1.
 */
export function silhouetteSamples(
  X: MatrixInput,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
  out?: Float64Array,
): Float64Array {
  const data = toClusteredData(X, labels);
  const n = data.X.rows;
  if (out !== undefined && out.length < n) {
    throw new InvalidInputError({ argument: 'out', value: out.length }, `expected length >= ${n}`);
  }
  const queries = new Int32Array(n);
  for (let i = 0; i < n; i++) queries[i] = i;
  return silhouetteRows(data, queries, options, out ?? new Float64Array(n));
}
