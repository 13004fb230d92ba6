import { AbortedError } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from './gaussianMixture.js';
import { BayesianGaussianMixture } from './variational/bayesianGaussianMixture.js';

describe('GaussianMixture.fitAsync on a time budget', () => {
  it('stops within about 100 ms of an abort, even inside the k-means initialisation', async () => {
    // 300,000 x 10 with k = 8: the k-means initialisation alone takes seconds.
    const { X } = makeBlobs({ nSamples: 300_000, nFeatures: 10, centers: 8, random: 1 });
    const gmm = new GaussianMixture({ nClusters: 8, covarianceType: 'full' });
    const controller = new AbortController();
    // Measured in this process's CPU time from the abort on: the work done before stopping (at
    // most one 25 ms budget and one shard), whatever else loads the machine.
    let cpuAtAbort: NodeJS.CpuUsage | undefined;
    setTimeout(() => {
      cpuAtAbort = process.cpuUsage();
      controller.abort();
    }, 200);
    const error = await gmm
      .fitAsync(X, { random: 1, signal: controller.signal })
      .catch((caught: unknown) => caught);
    const after = process.cpuUsage(cpuAtAbort);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((after.user + after.system) / 1000).toBeLessThan(100);
  });
});

describe('BayesianGaussianMixture.fitAsync on a time budget', () => {
  it('stops within about 100 ms of an abort, in its passes or its k-means start', async () => {
    const { X } = makeBlobs({ nSamples: 300_000, nFeatures: 10, centers: 8, random: 1 });
    // tolerance 0: the passes go on until the abort (the later one lands in them).
    const mixture = new BayesianGaussianMixture({
      nClusters: 8,
      covarianceType: 'full',
      tolerance: 0,
      maxIterations: 10_000,
    });
    for (const delay of [200, 1_500]) {
      const controller = new AbortController();
      let cpuAtAbort: NodeJS.CpuUsage | undefined;
      setTimeout(() => {
        cpuAtAbort = process.cpuUsage();
        controller.abort();
      }, delay);
      const error = await mixture
        .fitAsync(X, { random: 1, signal: controller.signal })
        .catch((caught: unknown) => caught);
      const after = process.cpuUsage(cpuAtAbort);
      expect(AbortedError.isInstance(error)).toBe(true);
      expect((after.user + after.system) / 1000).toBeLessThan(100);
    }
  });
});
