import { AbortedError, type Matrix, runShardProgram, type ShardExecutor } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import {
  BayesianGaussianMixture,
  type BayesianGaussianMixtureModel,
} from '@mixkit/gaussian-mixture';
import { describe, expect, it } from 'vitest';
import { abortAfter } from './abortAfter.js';
import { keptPools, recording } from './keptPools.js';

const pool = keptPools();

const executors: [string, () => ShardExecutor | undefined][] = [
  ['0 workers', () => undefined],
  ['1 worker', () => pool(1)],
  ['2 workers', () => pool(2)],
  ['8 workers', () => pool(8)],
];

/** What a fit must repeat bit for bit: the saved posterior, counts and bound, and its scores. */
function fingerprint(
  model: BayesianGaussianMixtureModel<'full' | 'diag' | 'spherical' | 'tied'>,
  X: Matrix,
): string {
  return JSON.stringify({ model: model.toJSON(), score: model.score(X) });
}

const covarianceTypes = ['full', 'diag', 'spherical', 'tied'] as const;
const weightPriors = ['dirichlet-process', 'dirichlet-distribution'] as const;

describe('a seeded BayesianGaussianMixture gives the same bits with 0, 1, 2 or 8 workers', () => {
  // 60,000 rows: several shards of a pass (em's pass task, merged in shard order).
  const X = makeBlobs({
    nSamples: 60_000,
    nFeatures: 4,
    centers: 4,
    clusterStd: 1.5,
    random: 11,
  }).X;
  for (const covarianceType of covarianceTypes) {
    for (const weightPrior of weightPriors) {
      it(`${covarianceType}, ${weightPrior}`, async () => {
        const mixture = new BayesianGaussianMixture({
          nClusters: 6,
          covarianceType,
          weightPrior,
          maxIterations: 5,
          tolerance: 0,
        });
        const sync = fingerprint(mixture.fit(X, { random: 5 }), X);
        const names: string[] = [];
        for (const [, executor] of executors) {
          const chosen = executor();
          const model = await mixture.fitAsync(X, {
            random: 5,
            executor: chosen === undefined ? undefined : recording(chosen, names),
          });
          expect(fingerprint(model, X)).toBe(sync);
        }
        // The passes went to the workers (with the k-means start's own tasks).
        expect(names.filter((name) => name === '@mixkit/em:pass')).toHaveLength(3);
      });
    }
  }

  it('weighted rows, two restarts, watched step by step', async () => {
    const mixture = new BayesianGaussianMixture({
      nClusters: 5,
      covarianceType: 'full',
      nInit: 2,
      maxIterations: 4,
      tolerance: 0,
    });
    const sampleWeight = Float64Array.from({ length: X.rows }, (_, i) => 1 + (i % 3));
    const bounds = (into: number[]) => (step: { objective: number }) => {
      into.push(step.objective);
    };
    const syncBounds: number[] = [];
    const sync = mixture.fit(X, { random: 2, sampleWeight, onIteration: bounds(syncBounds) });
    expect(syncBounds).toHaveLength(8);
    // Merged shard by shard, the lower bound still never decreases within a restart.
    for (let t = 1; t < syncBounds.length; t++) {
      if (t % 4 === 0) continue;
      expect(syncBounds[t]).toBeGreaterThanOrEqual(
        syncBounds[t - 1] - 1e-12 * Math.abs(syncBounds[t - 1]),
      );
    }
    for (const [, executor] of executors) {
      const seen: number[] = [];
      const model = await mixture.fitAsync(X, {
        random: 2,
        sampleWeight,
        executor: executor(),
        onIteration: bounds(seen),
      });
      expect(seen).toEqual(syncBounds);
      expect(fingerprint(model, X)).toBe(fingerprint(sync, X));
    }
  });
});

describe('BayesianGaussianMixture.fitAsync on workers stops on an abort', () => {
  it('within about 100 ms, in its passes on 2 workers; the pool then fits again', async () => {
    const X = makeBlobs({ nSamples: 200_000, nFeatures: 8, centers: 8, random: 4 }).X;
    const mixture = new BayesianGaussianMixture({
      nClusters: 8,
      tolerance: 0,
      maxIterations: 10_000,
    });
    const executor = pool(2);
    const { error, stoppedMs } = await abortAfter(1_000, (signal) =>
      mixture.fitAsync(X, { random: 1, executor, signal }),
    );
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(stoppedMs).toBeLessThan(100);
    const again = new BayesianGaussianMixture({ nClusters: 3, maxIterations: 5 });
    const model = await again.fitAsync(small, { random: 1, executor });
    expect(fingerprint(model, small)).toBe(fingerprint(again.fit(small, { random: 1 }), small));
  });
});

/** 3,000 rows: one shard per pass, so restarts are what runs in parallel. */
const small: Matrix = makeBlobs({
  nSamples: 3_000,
  nFeatures: 4,
  centers: 5,
  clusterStd: 2.5,
  random: 21,
}).X;

describe('BayesianGaussianMixture restarts in parallel on small data give the sequential fit', () => {
  for (const covarianceType of covarianceTypes) {
    it(`${covarianceType}, nInit = 6, weighted, with 0, 1, 2 and 8 workers`, async () => {
      const mixture = new BayesianGaussianMixture({
        nClusters: 6,
        covarianceType,
        weightPrior: covarianceType === 'diag' ? 'dirichlet-distribution' : 'dirichlet-process',
        nInit: 6,
        maxIterations: 30,
        init: covarianceType === 'tied' ? 'random' : 'k-means',
      });
      const sampleWeight = Float64Array.from({ length: small.rows }, (_, i) => 1 + (i % 2));
      const options = { random: 7, sampleWeight };
      const print = fingerprint(mixture.fit(small, options), small);
      const forced = () => mixture.fitProgram(small, options, 'parallel');
      expect(fingerprint(await runShardProgram(forced(), { what: 'test' }), small)).toBe(print);
      for (const workers of [1, 2, 8]) {
        const names: string[] = [];
        const executor = recording(pool(workers), names);
        const model = await runShardProgram(forced(), { executor, what: 'test' });
        expect(names).toEqual(['@mixkit/gaussian-mixture:variational-restart']);
        expect(fingerprint(model, small)).toBe(print);
      }
    });
  }

  it("fitAsync on 2 workers ('auto') sends long restarts and keeps the bits", async () => {
    const mixture = new BayesianGaussianMixture({
      nClusters: 6,
      nInit: 6,
      tolerance: 0,
      maxIterations: 60,
    });
    const names: string[] = [];
    const model = await mixture.fitAsync(small, { random: 3, executor: recording(pool(2), names) });
    // 60 full-covariance iterations on 3,000 rows take well over 4 ms a restart.
    expect(names).toEqual(['@mixkit/gaussian-mixture:variational-restart']);
    expect(fingerprint(model, small)).toBe(fingerprint(mixture.fit(small, { random: 3 }), small));
  });

  it('an abort stops parallel restarts within about 100 ms, and the pool stays usable', async () => {
    const X = makeBlobs({ nSamples: 8_000, nFeatures: 8, centers: 12, random: 2 }).X;
    const slow = new BayesianGaussianMixture({
      nClusters: 12,
      nInit: 32,
      tolerance: 0,
      maxIterations: 400,
    });
    const executor = pool(2);
    const { error, stoppedMs } = await abortAfter(150, (signal) =>
      runShardProgram(slow.fitProgram(X, { random: 1 }, 'parallel'), {
        executor,
        signal,
        what: 'test',
      }),
    );
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(stoppedMs).toBeLessThan(100);
    // The workers stopped too: the next fit on the same pool is not queued behind 32 restarts.
    const mixture = new BayesianGaussianMixture({ nClusters: 4, nInit: 4, maxIterations: 20 });
    const started = performance.now();
    const model = await mixture.fitAsync(small, { random: 5, executor });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(fingerprint(model, small)).toBe(fingerprint(mixture.fit(small, { random: 5 }), small));
  });
});
