import { createRandom, InvalidInputError, toMatrix } from '@mixkit/core';
import { loadWine } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { pickRows } from '../test/blobs.js';
import { kmeansPlusPlus } from './init/kmeansPlusPlus.js';
import { iterateKmeans, type KMeansStep } from './iterateKmeans.js';
import { KMeans } from './kmeans.js';

describe('iterateKmeans', () => {
  const X = loadWine().X;
  const centers = pickRows(X, [0, 1, 2, 3]);

  it('drained, returns the model KMeans.fit builds from the same centers', () => {
    const steps = iterateKmeans(X, { centers, algorithm: 'hamerly' });
    const seen: KMeansStep[] = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(step.value);
      step = steps.next();
    }
    const model = step.value;
    const fitted = new KMeans({ nClusters: 4, init: centers, algorithm: 'hamerly' }).fit(X);
    expect(Array.from(model.labels)).toEqual(Array.from(fitted.labels));
    expect(Array.from(model.centers.data)).toEqual(Array.from(fitted.centers.data));
    expect(seen).toHaveLength(fitted.iterations);
    expect(seen.map((s) => s.objective)).toEqual(fitted.diagnostics.objective);
    expect(seen.at(-1)!.converged).toBe(true);
    expect(seen[0].labelsChanged).toBe(X.rows);
  });

  it('yields centers in the data coordinates and a non-increasing objective', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const step of iterateKmeans(X, { centers, algorithm: 'lloyd' })) {
      expect(step.objective).toBeLessThanOrEqual(previous * (1 + 1e-12));
      previous = step.objective;
      // Each center is a mean of rows, so it lies within the data's column ranges.
      for (let j = 0; j < X.cols; j++) {
        let low = Number.POSITIVE_INFINITY;
        let high = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < X.rows; i++) {
          low = Math.min(low, X.data[i * X.cols + j]);
          high = Math.max(high, X.data[i * X.cols + j]);
        }
        for (let c = 0; c < 4; c++) {
          const value = step.centers.data[c * X.cols + j];
          expect(value).toBeGreaterThanOrEqual(low);
          expect(value).toBeLessThanOrEqual(high);
        }
      }
    }
  });

  it('can be stopped early by not pulling more steps', () => {
    const seeded = kmeansPlusPlus(toMatrix(X), 3, createRandom(1));
    const steps = iterateKmeans(X, { centers: seeded });
    const first = steps.next();
    expect(first.done).toBe(false);
    expect(steps.return(undefined as never).done).toBe(true);
  });

  it('validates its arguments', () => {
    expect(() => iterateKmeans(X, { centers: [[1, 2]] }).next()).toThrow(InvalidInputError);
    expect(() => iterateKmeans(X, { centers, tolerance: -1 }).next()).toThrow(InvalidInputError);
    expect(() =>
      // @ts-expect-error testing a value outside the union
      iterateKmeans(X, { centers, algorithm: 'magic' }).next(),
    ).toThrow(InvalidInputError);
  });
});
