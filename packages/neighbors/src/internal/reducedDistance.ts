/**
 * Reduced distances, the monotone surrogates the index ranks by: the squared Euclidean distance
 * (no square root per pair) or the Manhattan sum itself. Difference form, so identical rows are
 * exactly 0 apart.
 */
export type ReducedKind = 'squared-euclidean' | 'manhattan';

export function reducedDistance(
  kind: ReducedKind,
  a: Float64Array,
  aOffset: number,
  b: Float64Array,
  bOffset: number,
  d: number,
): number {
  let s = 0;
  if (kind === 'manhattan') {
    for (let t = 0; t < d; t++) s += Math.abs(a[aOffset + t] - b[bOffset + t]);
  } else {
    for (let t = 0; t < d; t++) {
      const v = a[aOffset + t] - b[bOffset + t];
      s += v * v;
    }
  }
  return s;
}
