import { InvalidInputError, type Matrix } from '@mixkit/core';
import type { Metric } from '@mixkit/neighbors';

/**
 * An upper bound on the distance between any two rows of X: the diagonal of their bounding box
 * (Euclidean), the sum of the column ranges (Manhattan), the largest entry (precomputed), or
 * undefined (cosine, bounded by 1 by construction). The Euclidean diagonal is taken relative to
 * the largest range, so it neither overflows near 1e300 nor underflows near 1e-300.
 */
function spanBound(X: Matrix, metric: Metric): number | undefined {
  const { rows: n, cols: d, data } = X;
  if (metric === 'cosine') return undefined;
  if (metric === 'precomputed') {
    let largest = 0;
    for (let t = 0; t < data.length; t++) if (data[t] > largest) largest = data[t];
    return largest;
  }
  const range = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let low = data[j];
    let high = data[j];
    for (let i = 1; i < n; i++) {
      const v = data[i * d + j];
      if (v < low) low = v;
      else if (v > high) high = v;
    }
    range[j] = high - low;
  }
  if (metric === 'manhattan') {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += range[j];
    return sum;
  }
  let largest = 0;
  for (let j = 0; j < d; j++) if (range[j] > largest) largest = range[j];
  if (largest === 0 || largest === Number.POSITIVE_INFINITY) return largest;
  let sum = 0;
  for (let j = 0; j < d; j++) sum += (range[j] / largest) ** 2;
  return largest * Math.sqrt(sum);
}

/**
 * Refuses a radius that reaches across the whole data set: every row would be within `radius`
 * of every other, so the clustering is one cluster (or all noise) whatever the data, which is
 * almost always a radius given in other units than the data's (data near 1e-300 with eps = 4,
 * found by the clusterer battery of issue 16). A typed error that says what to do, rather than
 * a quiet one-cluster answer.
 */
export function assertRadiusBelowSpan(
  X: Matrix,
  metric: Metric,
  radius: number,
  argument: string,
): void {
  if (X.rows < 2) return;
  const span = spanBound(X, metric);
  // All rows equal (span 0): one cluster is the only answer there is, not a sign of wrong units.
  if (span === undefined || span === 0 || radius < span) return;
  throw new InvalidInputError(
    { argument, value: radius },
    `${argument} = ${radius} reaches across the whole data (no two rows are more than ${span} apart), so every row would fall in one cluster whatever the data: give ${argument} in the data's units (about the distance between neighbouring rows of one cluster), or rescale X`,
  );
}
