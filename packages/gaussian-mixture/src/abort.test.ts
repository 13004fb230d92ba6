import { AbortedError } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from './gaussianMixture.js';

describe('GaussianMixture.fitAsync on a time budget', () => {
  it('stops within about 100 ms of an abort, even inside the k-means initialisation', async () => {
    // 300,000 x 10 with k = 8: the k-means initialisation alone takes seconds.
    const { X } = makeBlobs({ nSamples: 300_000, nFeatures: 10, centers: 8, random: 1 });
    const gmm = new GaussianMixture({ nClusters: 8, covarianceType: 'full' });
    const started = performance.now();
    const error = await gmm
      .fitAsync(X, { random: 1, signal: AbortSignal.timeout(200) })
      .catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(AbortedError.isInstance(error)).toBe(true);
    // 200 ms, then at most one 25 ms budget and one shard; the margin is for a loaded machine.
    expect(elapsed).toBeLessThan(200 + 150);
  });
});
