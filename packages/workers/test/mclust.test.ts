import { AbortedError, InvalidInputError, type Matrix } from '@mixkit/core';
import { loadIris, makeBlobs } from '@mixkit/datasets';
import { type MclustResult, mclust, mclustAsync } from '@mixkit/gaussian-mixture';
import { describe, expect, it } from 'vitest';
import { abortAfter } from './abortAfter.js';
import { keptPools, recording } from './keptPools.js';

const pool = keptPools();

/** What the grid must repeat bit for bit: the table, the choice, the chosen model and its scores. */
function mclustPrint(result: MclustResult, X: Matrix): string {
  return JSON.stringify({
    candidates: result.candidates,
    best: result.best,
    model: result.model.toJSON(),
    scores: Array.from(result.model.scoreSamples(X)),
    labels: Array.from(result.model.predict(X)),
    table: result.table(),
  });
}

const iris = loadIris().X;

/** 80 rows of 5 tight blobs in 4-D: G = 25 leaves VVV and VEV singular (mclust's NA). */
const blobs: Matrix = makeBlobs({
  nSamples: 80,
  nFeatures: 4,
  centers: 5,
  clusterStd: 0.6,
  random: 23,
}).X;

describe('mclustAsync runs the grid across workers and gives mclust(), bit for bit', () => {
  it("iris, mclust's default grid (14 models x G = 1..9): in the thread and on 2 workers", async () => {
    const print = mclustPrint(mclust(iris), iris);
    expect(mclustPrint(await mclustAsync(iris), iris)).toBe(print);
    const names: string[] = [];
    const result = await mclustAsync(iris, { executor: recording(pool(2), names) });
    expect(names).toEqual(['@mixkit/gaussian-mixture:mclust-cell']);
    expect(mclustPrint(result, iris)).toBe(print);
  }, 120_000);

  it('iris, 14 models x G = 1..4: 1 and 8 workers', async () => {
    const options = { nClusters: [1, 2, 3, 4] };
    const print = mclustPrint(mclust(iris, options), iris);
    for (const workers of [1, 8]) {
      const names: string[] = [];
      const result = await mclustAsync(iris, {
        ...options,
        executor: recording(pool(workers), names),
      });
      expect(names).toEqual(['@mixkit/gaussian-mixture:mclust-cell']);
      expect(mclustPrint(result, iris)).toBe(print);
    }
  }, 120_000);

  it('a grid with singular cells, chosen models and a G list out of order, on 2 workers', async () => {
    const options = {
      nClusters: [25, 2, 5, 1],
      modelNames: ['VVV', 'EII', 'VEV', 'EEE'] as const,
      tolerance: 1e-7,
    };
    const sync = mclust(blobs, options);
    const singular = sync.candidates.filter((candidate) => candidate.bic === undefined);
    expect(singular.map(({ modelName, nClusters }) => `${modelName},${nClusters}`)).toEqual([
      'VVV,25',
      'VEV,25',
    ]);
    const result = await mclustAsync(blobs, { ...options, executor: pool(2) });
    expect(mclustPrint(result, blobs)).toBe(mclustPrint(sync, blobs));
    expect(result.best.nClusters).toBe(5);
  });

  it('above subsetSize rows, the subset start (drawn in the calling thread), on 2 workers', async () => {
    const large = makeBlobs({ nSamples: 3_000, nFeatures: 3, centers: 4, random: 12 }).X;
    const options = { nClusters: [1, 3, 4], subsetSize: 400, random: 5 };
    const sync = mclust(large, options);
    const result = await mclustAsync(large, { ...options, executor: pool(2) });
    expect(mclustPrint(result, large)).toBe(mclustPrint(sync, large));
  });

  it('refuses a G above the row count with a typed error before any worker runs', async () => {
    const names: string[] = [];
    await expect(
      mclustAsync(iris, { nClusters: [2, 151], executor: recording(pool(2), names) }),
    ).rejects.toSatisfy((error) => InvalidInputError.isInstance(error));
    expect(names).toEqual([]);
  });

  it('an abort stops the grid on the workers within about 100 ms, and the pool stays usable', async () => {
    const big = makeBlobs({ nSamples: 3_000, nFeatures: 6, centers: 6, random: 4 }).X;
    const { error, stoppedMs } = await abortAfter(300, (signal) =>
      mclustAsync(big, { tolerance: 0, maxIterations: 400, executor: pool(2), signal }),
    );
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(stoppedMs).toBeLessThan(100);
    const after = await mclustAsync(iris, { nClusters: [3], executor: pool(2) });
    expect(after.best.nClusters).toBe(3);
  });
});
