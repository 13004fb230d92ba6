import { describe, expect, it } from 'vitest';
import { ClusterSums } from './clusterSums.js';
import type { KMeansData } from './kmeansData.js';

/** n x d values of every magnitude (so that the order of additions shows in the bits). */
function dataOf(n: number, d: number, seed: number): KMeansData {
  const x = new Float64Array(n * d);
  for (let t = 0; t < x.length; t++) x[t] = Math.sin(seed + t * 0.731) * 10 ** ((t % 7) - 3);
  const weights = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 0 : 0.25 + (i % 5)));
  return {
    X: { rows: n, cols: d, data: x },
    frame: { scale: 1, exponent: 0, offset: new Float64Array(d) },
    weights,
    weightExponent: 0,
    xNorms: new Float64Array(n),
    weightedSquaredNorm: 0,
    meanVariance: 0,
  };
}

/** The plain loops the unrolled ones must match bit for bit. */
function plainSums(data: KMeansData, labels: Int32Array, k: number): Float64Array {
  const { rows: n, cols: d, data: x } = data.X;
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const wi = data.weights[i];
    if (wi === 0) continue;
    for (let j = 0; j < d; j++) sums[labels[i] * d + j] += x[i * d + j] * wi;
  }
  return sums;
}

function plainMove(data: KMeansData, sums: Float64Array, i: number, from: number, to: number) {
  const d = data.X.cols;
  const wi = data.weights[i];
  if (wi === 0) return;
  for (let j = 0; j < d; j++) {
    const value = data.X.data[i * d + j] * wi;
    sums[from * d + j] -= value;
    sums[to * d + j] += value;
  }
}

const bits = (a: Float64Array) => Array.from(a, (v) => (Object.is(v, -0) ? '-0' : String(v)));

describe('ClusterSums', () => {
  it('recompute and move give the bits of plain row-order loops, for every d mod 4', () => {
    const k = 5;
    for (const d of [1, 2, 3, 4, 5, 7, 8, 24, 33]) {
      const n = 400;
      const data = dataOf(n, d, d);
      const labels = Int32Array.from({ length: n }, (_, i) => (i * 7 + (i >> 3)) % k);
      const sums = new ClusterSums(data, k);
      sums.recompute(labels);
      expect(bits(sums.sums)).toEqual(bits(plainSums(data, labels, k)));
      // Moves (including a zero-weight row and one onto its own cluster) against the plain loop.
      const expected = sums.sums.slice();
      for (let i = 0; i < n; i += 3) {
        const from = labels[i];
        const to = i % 9 === 0 ? from : (from + 1 + (i % (k - 1))) % k;
        sums.move(i, from, to);
        plainMove(data, expected, i, from, to);
        labels[i] = to;
      }
      expect(bits(sums.sums)).toEqual(bits(expected));
    }
  });
});
