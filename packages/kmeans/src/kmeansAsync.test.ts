import { AbortedError } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { describe, expect, it } from 'vitest';
import { KMeans } from './kmeans.js';
import { SphericalKMeans } from './spherical/sphericalKMeans.js';

describe('KMeans.fitAsync', () => {
  it('gives the same model as fit, reporting the same iterations', async () => {
    const { X } = makeBlobs({ nSamples: 40_000, nFeatures: 3, centers: 5, random: 2 });
    const kmeans = new KMeans({ nClusters: 5, nInit: 2, init: 'random' });
    const seen: number[] = [];
    const sync = kmeans.fit(X, { random: 9 });
    const async = await kmeans.fitAsync(X, {
      random: 9,
      onIteration: ({ objective }) => seen.push(objective),
    });
    expect(Array.from(async.labels)).toEqual(Array.from(sync.labels));
    expect(JSON.stringify(async.toJSON())).toBe(JSON.stringify(sync.toJSON()));
    expect(seen.length).toBeGreaterThan(2);
  });

  it('stops within about 100 ms of an abort on 300,000 rows (seeding included)', async () => {
    const { X } = makeBlobs({ nSamples: 300_000, nFeatures: 16, centers: 32, random: 3 });
    const kmeans = new KMeans({ nClusters: 32 });
    const controller = new AbortController();
    // Measured in this process's CPU time from the abort on: the work done before stopping (at
    // most one 25 ms budget and one shard or seeding step), whatever else loads the machine.
    let cpuAtAbort: NodeJS.CpuUsage | undefined;
    setTimeout(() => {
      cpuAtAbort = process.cpuUsage();
      controller.abort();
    }, 150);
    const error = await kmeans
      .fitAsync(X, { random: 1, signal: controller.signal })
      .catch((caught: unknown) => caught);
    const after = process.cpuUsage(cpuAtAbort);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((after.user + after.system) / 1000).toBeLessThan(100);
  });
});

describe('SphericalKMeans.fitAsync', () => {
  it('gives the same model as fit and reports the same iterations', async () => {
    const { X } = makeBlobs({ nSamples: 5_000, nFeatures: 4, centers: 4, random: 6 });
    const spherical = new SphericalKMeans({ nClusters: 4, nInit: 2 });
    const seen: number[][] = [[], []];
    const sync = spherical.fit(X, {
      random: 2,
      onIteration: ({ objective }) => seen[0].push(objective),
    });
    const async = await spherical.fitAsync(X, {
      random: 2,
      onIteration: ({ objective }) => seen[1].push(objective),
    });
    expect(Array.from(async.labels)).toEqual(Array.from(sync.labels));
    expect(async.diagnostics).toEqual(sync.diagnostics);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0].length).toBeGreaterThan(1);
  });
});
