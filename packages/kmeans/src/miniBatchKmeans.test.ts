import { InvalidInputError, NotFittedError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { blobs } from '../test/blobs.js';
import { KMeans } from './kmeans.js';
import { KMeansModel } from './kmeansModel.js';
import { MiniBatchKMeans } from './miniBatchKmeans.js';

describe('MiniBatchKMeans', () => {
  const { X, labels: truth } = blobs(6000, 4, 5, 31, 20);

  it('recovers well-separated blobs, with inertia within 1% of full k-means', () => {
    const mini = new MiniBatchKMeans({ nClusters: 5, batchSize: 256 }).fit(X, { random: 1 });
    const full = new KMeans({ nClusters: 5 }).fit(X, { random: 1 });
    expect(mini.algorithm).toBe('mini-batch');
    expect(mini.inertia).toBeLessThan(full.inertia * 1.01);
    const mapping = new Map<number, number>();
    let agree = 0;
    for (let i = 0; i < X.rows; i++) {
      if (!mapping.has(truth[i])) mapping.set(truth[i], mini.labels[i]);
      if (mapping.get(truth[i]) === mini.labels[i]) agree++;
    }
    expect(agree).toBe(X.rows);
    expect(Array.from(mini.predict(X))).toEqual(Array.from(mini.labels));
  });

  it('stops early on no improvement and reports convergence; otherwise warns not-converged', () => {
    const early = new MiniBatchKMeans({ nClusters: 5, batchSize: 100, maxIterations: 50 }).fit(X, {
      random: 2,
    });
    expect(early.converged).toBe(true);
    const capped = new MiniBatchKMeans({
      nClusters: 5,
      batchSize: 100,
      maxIterations: 1,
      maxNoImprovement: 0,
    }).fit(X, { random: 2 });
    expect(capped.converged).toBe(false);
    expect(capped.diagnostics.warnings.some((w) => w.kind === 'not-converged')).toBe(true);
  });

  it('is deterministic under a seed', () => {
    const a = new MiniBatchKMeans({ nClusters: 5, batchSize: 128 }).fit(X, { random: 9 });
    const b = new MiniBatchKMeans({ nClusters: 5, batchSize: 128 }).fit(X, { random: 9 });
    expect(Array.from(a.centers.data)).toEqual(Array.from(b.centers.data));
  });

  it('re-seeds and reports a center that receives nothing', () => {
    const init = [
      [0, 0, 0, 0],
      [1e4, 1e4, 1e4, 1e4],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
    ];
    const model = new MiniBatchKMeans({ nClusters: 5, init, batchSize: 200 }).fit(X, { random: 3 });
    expect(model.diagnostics.warnings).toContainEqual({
      kind: 'empty-component',
      restart: 0,
      iteration: 1,
      component: 1,
      action: 'reseeded',
    });
    expect(Math.max(...Array.from(model.centers.data))).toBeLessThan(1e3);
  });

  it('partialFit on streamed batches converges to the blobs and snapshots a model', () => {
    const streamed = new MiniBatchKMeans({ nClusters: 5 });
    expect(() => streamed.model).toThrow(NotFittedError);
    for (let pass = 0; pass < 3; pass++) {
      for (let start = 0; start < X.rows; start += 500) {
        const rows = Math.min(500, X.rows - start);
        streamed.partialFit(
          { rows, cols: 4, data: X.data.subarray(start * 4, (start + rows) * 4) },
          { random: 4 },
        );
      }
    }
    const model = streamed.model;
    expect(model.iterations).toBe(36);
    expect(model.labels).toHaveLength(500);
    const full = new KMeans({ nClusters: 5 }).fit(X, { random: 1 });
    expect(-model.score(X)).toBeLessThan(full.inertia * 1.01);
    const copy = KMeansModel.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.predict(X))).toEqual(Array.from(model.predict(X)));
  });

  it('rejects a batch of the wrong dimension and bad options', () => {
    const streamed = new MiniBatchKMeans({ nClusters: 2 }).partialFit([
      [0, 0],
      [1, 1],
    ]);
    expect(() => streamed.partialFit([[1, 2, 3]])).toThrow(InvalidInputError);
    expect(() => new MiniBatchKMeans({ nClusters: 2, batchSize: 0 })).toThrow(InvalidInputError);
    expect(() => new MiniBatchKMeans({ nClusters: 2, reassignmentRatio: 2 })).toThrow(
      InvalidInputError,
    );
    expect(() => new MiniBatchKMeans({ nClusters: 3 }).partialFit([[1, 1]])).toThrow(
      InvalidInputError,
    );
  });
});
