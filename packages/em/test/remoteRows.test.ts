import {
  InvalidInputError,
  type Matrix,
  remoteRows,
  type ShardExecutor,
  shardAt,
} from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { familyFromSpec, gaussianDiag, gaussianFull, gaussianTied } from '@mixkit/distributions';
import { describe, expect, it } from 'vitest';
import { fitMixture } from '../src/run/fitMixture.js';
import { fitMixtureAsync } from '../src/run/fitMixtureAsync.js';

/**
 * An executor whose "workers" hold the rows (as a distributed cluster's do): each session's
 * setup gets the rows (and a per-row score buffer) before the task opens, as a worker's rebuilt
 * setup does, so the fit itself is only ever given `remoteRows`.
 */
function holding(X: Matrix): ShardExecutor & { readonly tasks: string[] } {
  const tasks: string[] = [];
  // As in a worker: families rebuilt from their specs through the registry.
  const context = { inWorker: true, resolveFamily: familyFromSpec };
  return {
    workers: 1,
    tasks,
    async open(task, setup, plan) {
      tasks.push(task.name);
      const withRows = { ...setup, X, rowScores: new Float64Array(X.rows) };
      const shards = Array.from({ length: plan.count }, (_, s) => shardAt(plan, s));
      const state = task.open(withRows, context, shards, undefined);
      return {
        plan,
        map: async (input) => shards.map((shard) => task.run(state, input, shard)),
        close: () => {},
      };
    },
  };
}

const { X } = makeBlobs({ nSamples: 3_000, nFeatures: 5, centers: 4, random: 9 });
const shape = remoteRows(X.rows, X.cols);

describe('fitMixtureAsync of RemoteRows', () => {
  it.each([
    ['diag', gaussianDiag()],
    ['full', gaussianFull()],
    ['tied', gaussianTied()],
  ] as const)(
    '%s: the bits of fitMixture of the rows, from random-from-data',
    async (_, family) => {
      const options = {
        family,
        nClusters: 4,
        nInit: 2,
        maxIterations: 8,
        tolerance: 0,
        init: 'random-from-data',
        random: 4,
      } as const;
      const executor = holding(X);
      const model = await fitMixtureAsync(shape, { ...options, executor });
      expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(fitMixture(X, options).toJSON()));
      expect(model.diagnostics.objective).toEqual(fitMixture(X, options).diagnostics.objective);
      // Statistics and seeds came from the data task; every pass ran where the rows are.
      expect(executor.tasks).toEqual(['@mixkit/em:data', '@mixkit/em:pass']);
    },
  );

  it('names the row that is not finite, in fit numbering', async () => {
    const bad = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
    bad.data[2_500 * 5 + 3] = Number.NaN;
    const error = await fitMixtureAsync(shape, {
      family: gaussianDiag(),
      nClusters: 2,
      init: 'random-from-data',
      executor: holding(bad),
    }).catch((e: unknown) => e);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'X', row: 2_500, column: 3 });
  });

  it.each([
    ['the default k-means start', {}, 'init'],
    ['random responsibilities', { init: 'random' }, 'init'],
    ['labels', { init: { kind: 'labels', labels: new Int32Array(3_000) } }, 'init'],
    [
      'weights',
      { init: 'random-from-data', sampleWeight: new Float64Array(3_000).fill(1) },
      'sampleWeight',
    ],
    ['missing cells', { init: 'random-from-data', missing: 'marginalize' }, 'missing'],
  ] as const)('refuses %s by name', async (_, extra, argument) => {
    const error = await fitMixtureAsync(shape, {
      family: gaussianDiag(),
      nClusters: 2,
      executor: holding(X),
      ...extra,
    }).catch((e: unknown) => e);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument });
  });
});
