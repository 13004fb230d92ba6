import { InvalidInputError, type Matrix, NOISE } from '@mixkit/core';
import {
  type Metric,
  NeighborBuffer,
  NeighborIndex,
  powerOfTwoExponent,
  scaleByPowerOfTwo,
} from '@mixkit/neighbors';

/**
 * For each query row, the label of the nearest non-noise training row within `radius` (ties: the
 * lower training row), else `NOISE`: R's `.predict_frNN`. With precomputed distances a query row
 * is its distances to the training rows; `rows` is then unused.
 */
export function nearestReachableLabel(
  Q: Matrix,
  labels: Int32Array,
  rows: Float64Array | undefined,
  dimension: number,
  metric: Metric,
  radius: number,
): Int32Array {
  const out = new Int32Array(Q.rows).fill(NOISE);
  const members: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== NOISE) members.push(i);
  if (members.length === 0 || Q.rows === 0) return out;
  if (metric === 'precomputed' || rows === undefined) {
    for (let q = 0; q < Q.rows; q++) {
      let best = -1;
      let bestDistance = radius;
      for (const i of members) {
        const dist = Q.data[q * Q.cols + i];
        if (dist < 0)
          throw new InvalidInputError(
            { argument: 'X', row: q, column: i, value: dist },
            'distances must be >= 0',
          );
        if (dist < bestDistance || (best < 0 && dist === bestDistance)) {
          best = i;
          bestDistance = dist;
        }
      }
      if (best >= 0) out[q] = labels[best];
    }
    return out;
  }
  const data = new Float64Array(members.length * dimension);
  for (let m = 0; m < members.length; m++) {
    const i = members[m] as number;
    data.set(rows.subarray(i * dimension, (i + 1) * dimension), m * dimension);
  }
  // Rows, queries and radius times the power of two that brings the training rows near 1
  // (exact): squared distances near 1e300 or 1e-300 would overflow or underflow.
  const exponent = powerOfTwoExponent(rows);
  const scaledRadius = metric === 'cosine' ? radius : radius * 2 ** exponent;
  const index = new NeighborIndex(
    scaleByPowerOfTwo({ rows: members.length, cols: dimension, data }, exponent),
    { metric },
  );
  const prepared = index.prepareQueries(scaleByPowerOfTwo(Q, exponent), 'X');
  const buffer = new NeighborBuffer();
  for (let q = 0; q < prepared.rows; q++) {
    buffer.clear();
    index.radiusOfPoint(prepared.data, q * prepared.cols, scaledRadius, buffer, -1);
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let j = 0; j < buffer.count; j++) {
      const m = buffer.indices[j];
      if (
        buffer.distances[j] < bestDistance ||
        (buffer.distances[j] === bestDistance && m < best)
      ) {
        best = m;
        bestDistance = buffer.distances[j];
      }
    }
    if (best >= 0) out[q] = labels[members[best]];
  }
  return out;
}
