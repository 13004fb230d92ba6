import type { Matrix } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs.js';
import { KMeans } from './kmeans.js';

type Algorithm = 'auto' | 'lloyd' | 'hamerly' | 'yinyang';

/** Blobs moved far from the origin (the fit then reads x − mean, see `NearestCenters`). */
function farBlobs(n: number, d: number, k: number, seed: number, at: number): Matrix {
  const { X } = blobs(n, d, k, seed, 3);
  return { ...X, data: X.data.map((v) => v + at) };
}

function fitJson(X: Matrix, k: number, algorithm: Algorithm, seed: number): string {
  const model = new KMeans({ nClusters: k, algorithm, maxIterations: 40 }).fit(X, {
    random: seed,
  });
  return JSON.stringify({ model: model.toJSON(), labels: Array.from(model.labels) });
}

// A fit gives its search's kernel memory back when its session closes, and the next fit of the
// thread writes its own arrays into it (`KernelArena`): nothing of the earlier fit may show in
// the next one, and no model may keep a view of that memory.
describe('fits in a row, which reuse one kernel memory', () => {
  const shapes = [
    { name: 'the float32 screen (k·d = 200)', n: 3000, d: 10, k: 20 },
    { name: 'the fused float64 step (k·d = 16)', n: 2500, d: 2, k: 8 },
  ];
  for (const { name, n, d, k } of shapes) {
    it(`${name}: each fit has the bits it has alone, and earlier models do not change`, () => {
      const A = farBlobs(n, d, k, 1, 0);
      const B = farBlobs(n, d, k, 2, 1e3);
      // Larger than A (its memory has room left over when A reuses it) and smaller.
      const larger = farBlobs(2 * n, d, k, 3, -50);
      const smaller = farBlobs(Math.floor(n / 2), d, k, 4, 7);
      for (const algorithm of ['auto', 'lloyd', 'hamerly', 'yinyang'] as const) {
        const first = new KMeans({ nClusters: k, algorithm, maxIterations: 40 }).fit(A, {
          random: 5,
        });
        const firstJson = JSON.stringify({
          model: first.toJSON(),
          labels: Array.from(first.labels),
        });
        const others = [
          fitJson(B, k, algorithm, 6),
          fitJson(larger, k, algorithm, 7),
          fitJson(A, k, algorithm, 5),
          fitJson(smaller, k, algorithm, 8),
          fitJson(B, k, algorithm, 6),
        ];
        expect(others[2]).toBe(firstJson);
        expect(others[4]).toBe(others[0]);
        expect(fitJson(larger, k, algorithm, 7)).toBe(others[1]);
        expect(fitJson(smaller, k, algorithm, 8)).toBe(others[3]);
        // The first model still holds what it held (its labels and centres are its own).
        expect(JSON.stringify({ model: first.toJSON(), labels: Array.from(first.labels) })).toBe(
          firstJson,
        );
        // And a model predicts with its own centres after other fits.
        expect(Array.from(first.predict(A))).toEqual(Array.from(first.labels));
      }
    });
  }
});
