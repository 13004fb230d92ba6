import { createMatrix, createRandom } from '@mixkit/core';
import type { PlaygroundData } from './playgroundData.js';

/** Share of the rows drawn uniformly over the moons' box, as background noise. */
const NOISE_SHARE = 0.05;

/**
 * Two interleaving half circles (scikit-learn's `make_moons` shape) with Gaussian jitter, plus 5%
 * of the rows scattered uniformly over their box: clusters no mixture of convex components
 * separates, which density-based and single-linkage clustering find, with noise to label. Row i
 * belongs to moon i mod 2 (label 0 or 1) unless it is noise (label 2). Seeded: the same `seed`
 * gives the same rows.
 */
export function makeMoons(n: number, seed: number): PlaygroundData {
  const random = createRandom(seed);
  const data = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  const noise = Math.round(n * NOISE_SHARE);
  for (let i = 0; i < n; i++) {
    if (i >= n - noise) {
      data[2 * i] = -1.5 + 4 * random.uniform();
      data[2 * i + 1] = -1 + 2.5 * random.uniform();
      labels[i] = 2;
      continue;
    }
    const moon = i % 2;
    const angle = Math.PI * random.uniform();
    const x = moon === 0 ? Math.cos(angle) : 1 - Math.cos(angle);
    const y = moon === 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
    data[2 * i] = x + 0.08 * random.normal();
    data[2 * i + 1] = y + 0.08 * random.normal();
    labels[i] = moon;
  }
  return { X: createMatrix(n, 2, data), featureNames: ['x1', 'x2'], trueLabels: labels };
}
