import { createMatrix, createRandom } from '@mixkit/core';
import { sampleVonMisesFisher } from '@mixkit/distributions';
import type { PlaygroundData } from './playgroundData.js';
import { UNIT_DOMAIN } from './unitRows.js';

/** The three directions (angles in degrees), their concentrations κ and their shares of rows. */
const DIRECTIONS = [
  { angle: 20, concentration: 30, share: 0.4 },
  { angle: 140, concentration: 10, share: 0.35 },
  { angle: 250, concentration: 4, share: 0.25 },
] as const;

/**
 * Unit vectors in the plane (points on the unit circle) from a mixture of three von Mises–Fisher
 * distributions of different concentrations: wind directions, say, or 2-D embeddings compared by
 * angle. Row i's direction is drawn by `sampleVonMisesFisher` of `@mixkit/distributions`; its
 * label is the direction it was drawn from. Seeded: the same `seed` gives the same rows.
 */
export function makeDirections(n: number, seed: number): PlaygroundData {
  const random = createRandom(seed);
  const data = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  const scratch = new Float64Array(2);
  const means = DIRECTIONS.map(({ angle }) =>
    Float64Array.of(Math.cos((angle * Math.PI) / 180), Math.sin((angle * Math.PI) / 180)),
  );
  for (let i = 0; i < n; i++) {
    let u = random.uniform();
    let c = 0;
    while (c < DIRECTIONS.length - 1 && u >= (DIRECTIONS[c]?.share ?? 1)) {
      u -= DIRECTIONS[c]?.share ?? 0;
      c++;
    }
    const direction = DIRECTIONS[c];
    const mean = means[c];
    if (!direction || !mean) throw new Error('makeDirections: no direction');
    sampleVonMisesFisher(mean, direction.concentration, random, data, 2 * i, scratch);
    labels[i] = c;
  }
  return {
    X: createMatrix(n, 2, data),
    featureNames: ['cos θ', 'sin θ'],
    trueLabels: labels,
    domain: UNIT_DOMAIN,
    equalAspect: true,
  };
}
