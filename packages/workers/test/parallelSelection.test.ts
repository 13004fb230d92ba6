import { AbortedError, type Matrix, runShardProgram, toRandom, WorkerError } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import {
  gaussianDiag,
  gaussianFull,
  gaussianSpherical,
  gaussianTied,
  poisson,
} from '@mixkit/distributions';
import {
  type MixtureSelection,
  type SelectMixtureOptions,
  selectionProgram,
  selectMixture,
  selectMixtureAsync,
} from '@mixkit/em';
import { describe, expect, it } from 'vitest';
import { createWorkerPool } from '../src/index.js';
import { abortAfter } from './abortAfter.js';
import { keptPools, recording } from './keptPools.js';
import { workerBundleUrl } from './workerBundle.js';

const workerUrl = workerBundleUrl();
const pool = keptPools();

/** What a selection must repeat bit for bit: the table, the best row, every model. */
function selectionPrint(selection: MixtureSelection, X: Matrix): string {
  return JSON.stringify({
    table: selection.table,
    bestIndex: selection.bestIndex,
    models: selection.models.map((model) =>
      model === undefined
        ? null
        : {
            diagnostics: model.diagnostics,
            model: model.toJSON(),
            scores: Array.from(model.scoreSamples(X)),
          },
    ),
  });
}

/** 2,000 rows of 4 overlapping blobs in 3-D: one shard per candidate's pass. */
const small: Matrix = makeBlobs({
  nSamples: 2_000,
  nFeatures: 3,
  centers: 4,
  clusterStd: 2,
  random: 31,
}).X;

/** `small` shifted and rounded to non-negative counts (Poisson candidates). */
const counts: Matrix = {
  rows: small.rows,
  cols: small.cols,
  data: small.data.map((value) => Math.round(Math.abs(value) * 3)),
};

describe('selectMixture candidates in parallel give the sequential selection, bit for bit', () => {
  const cases: [string, Matrix, SelectMixtureOptions][] = [
    [
      'covariance types x k = 1..5, nInit 3, seeded',
      small,
      {
        grid: {
          nClusters: [1, 2, 3, 4, 5],
          families: {
            full: gaussianFull(),
            diag: gaussianDiag(),
            spherical: gaussianSpherical(),
            tied: gaussianTied(),
          },
        },
        nInit: 3,
        random: 7,
      },
    ],
    [
      // A RandomSource is split once per candidate, in order; k = 2,500 > rows fails its row.
      'Poisson against Gaussian, random init, one candidate that fails, hard EM, ICL',
      counts,
      {
        candidates: [{ name: 'too many', family: gaussianDiag(), nClusters: 2_500 }],
        grid: {
          nClusters: [2, 3, 6],
          families: { poisson: poisson(), diag: gaussianDiag() },
        },
        init: 'random',
        estep: 'hard',
        nInit: 2,
        criterion: 'icl',
        random: 11,
      },
    ],
  ];
  for (const [name, X, options] of cases) {
    it(`${name}: 0, 1, 2 and 8 workers`, async () => {
      const sync = selectMixture(X, options);
      const print = selectionPrint(sync, X);
      const forced = () => selectionProgram(X, options, 'parallel');
      expect(selectionPrint(await runShardProgram(forced(), { what: 'test' }), X)).toBe(print);
      for (const workers of [1, 2, 8]) {
        const names: string[] = [];
        const executor = recording(pool(workers), names);
        const selection = await runShardProgram(forced(), { executor, what: 'test' });
        expect(names).toEqual(['@mixkit/em:select']);
        expect(selectionPrint(selection, X)).toBe(print);
      }
    });
  }

  it('with a RandomSource, a failing candidate, and through selectMixtureAsync (auto)', async () => {
    const options: SelectMixtureOptions = {
      candidates: [{ name: 'too many', family: gaussianDiag(), nClusters: 2_500 }],
      grid: { nClusters: [2, 4, 6], families: { full: gaussianFull() } },
      nInit: 4,
      tolerance: 0,
      maxIterations: 60,
    };
    // Each run gets its own source from the same seed (a source is consumed by splits).
    const sync = selectMixture(small, { ...options, random: seededSource(5) });
    expect(sync.table[0]?.failure).toMatch(/2500 components/);
    const names: string[] = [];
    const selection = await selectMixtureAsync(small, {
      ...options,
      random: seededSource(5),
      executor: recording(pool(2), names),
    });
    // 12 restarts of 60 iterations of full Gaussians over 2,000 rows: well past 20 ms.
    expect(names).toEqual(['@mixkit/em:select']);
    expect(selectionPrint(selection, small)).toBe(selectionPrint(sync, small));
  });

  it('on data of several shards the candidates run in turn, their passes on the workers, same bits', async () => {
    const large = makeBlobs({ nSamples: 40_000, nFeatures: 4, centers: 3, random: 8 }).X;
    const options: SelectMixtureOptions = {
      candidates: [{ name: 'too many', family: gaussianDiag(), nClusters: 50_000 }],
      grid: { nClusters: [12, 16], families: { full: gaussianFull() } },
      maxIterations: 3,
      random: 6,
    };
    const names: string[] = [];
    const selection = await selectMixtureAsync(large, {
      ...options,
      executor: recording(pool(2), names),
    });
    expect(names).toContain('@mixkit/em:pass');
    expect(names).not.toContain('@mixkit/em:select');
    expect(selection.table[0]?.failure).toMatch(/50000 components/);
    expect(selectionPrint(selection, large)).toBe(
      selectionPrint(selectMixture(large, options), large),
    );
  });

  it('a short selection keeps its candidates in the thread (auto), same bits', async () => {
    const tiny: Matrix = { rows: 200, cols: 3, data: small.data.subarray(0, 600) };
    const options: SelectMixtureOptions = {
      grid: { nClusters: [1, 2], families: { spherical: gaussianSpherical() } },
      maxIterations: 5,
      random: 3,
    };
    const names: string[] = [];
    const selection = await selectMixtureAsync(tiny, {
      ...options,
      executor: recording(pool(2), names),
    });
    expect(names).not.toContain('@mixkit/em:select');
    expect(selectionPrint(selection, tiny)).toBe(
      selectionPrint(selectMixture(tiny, options), tiny),
    );
  });

  it('a selection watched step by step runs its candidates in turn, same bits', async () => {
    const options: SelectMixtureOptions = {
      grid: { nClusters: [2, 3], families: { full: gaussianFull() } },
      nInit: 2,
      random: 4,
    };
    const names: string[] = [];
    let steps = 0;
    const selection = await selectMixtureAsync(small, {
      ...options,
      executor: recording(pool(2), names),
      onIteration: () => {
        steps++;
      },
    });
    expect(steps).toBeGreaterThan(4);
    expect(names).not.toContain('@mixkit/em:select');
    expect(selectionPrint(selection, small)).toBe(
      selectionPrint(selectMixture(small, options), small),
    );
  });

  it('an abort stops a parallel selection within about 100 ms, and the pool stays usable', async () => {
    const { error, stoppedMs } = await abortAfter(150, (signal) => {
      const long: SelectMixtureOptions = {
        grid: { nClusters: [8, 9, 10, 11, 12], families: { full: gaussianFull() } },
        nInit: 16,
        tolerance: 0,
        maxIterations: 500,
        random: 1,
        signal,
      };
      return runShardProgram(selectionProgram(small, long, 'parallel'), {
        executor: pool(2),
        signal,
        what: 'test',
      });
    });
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(stoppedMs).toBeLessThan(100);
    const options: SelectMixtureOptions = {
      grid: { nClusters: [2, 3], families: { diag: gaussianDiag() } },
      random: 2,
    };
    const started = performance.now();
    const selection = await runShardProgram(selectionProgram(small, options, 'parallel'), {
      executor: pool(2),
      what: 'test',
    });
    // Not queued behind 80 restarts of 500 iterations: the workers stopped too.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(selectionPrint(selection, small)).toBe(
      selectionPrint(selectMixture(small, options), small),
    );
  });

  it('a worker that dies during a parallel selection rejects it with WorkerError', async () => {
    const doomed = createWorkerPool({ workers: 2, workerUrl, keepAlive: true });
    try {
      await doomed.start();
      const options: SelectMixtureOptions = {
        grid: { nClusters: [6, 7, 8], families: { full: gaussianFull() } },
        nInit: 8,
        tolerance: 0,
        maxIterations: 300,
        random: 1,
      };
      const selecting = runShardProgram(selectionProgram(small, options, 'parallel'), {
        executor: doomed,
        what: 'test',
      }).catch((caught: unknown) => caught);
      setTimeout(() => doomed.destroy(), 100);
      const error = await selecting;
      expect(WorkerError.isInstance(error)).toBe(true);
      expect(doomed.liveWorkers).toBe(0);
    } finally {
      doomed.destroy();
    }
  });
});

/** A seeded `RandomSource` (not a seed number): the selection splits it per candidate. */
function seededSource(seed: number) {
  return toRandom(seed);
}
