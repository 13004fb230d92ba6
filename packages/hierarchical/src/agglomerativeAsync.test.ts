import { AbortedError } from '@mixkit/core';
import { abortMidFit, fiveBlobs, timerTicksDuring } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { AgglomerativeClustering, type AgglomerativeOptions } from './agglomerativeClustering.js';

// Each route of `linkageMatrix`: a fit of a few hundred milliseconds on a quiet machine for the
// same-bits check (well beyond the 25 ms budget, so the async fit really yields), and one that
// takes seconds of CPU on this machine for the abort (measured: 1.5-2.5 s in fit).
const cases: readonly (readonly [string, AgglomerativeOptions, number, number])[] = [
  ['ward (Lance-Williams, NN-chain)', { nClusters: 5 }, 600, 1200],
  ['ward (centroids)', { nClusters: 5, wardStrategy: 'centroids' }, 1000, 3000],
  ['average (NN-chain)', { nClusters: 5, linkage: 'average' }, 600, 1200],
  ['single (Prim)', { nClusters: 5, linkage: 'single' }, 2000, 4000],
  [
    'complete, k-nearest connectivity',
    { nClusters: 5, linkage: 'complete', connectivity: { kind: 'k-nearest', k: 10 } },
    2000,
    6000,
  ],
];

describe.each(cases)('AgglomerativeClustering.fitAsync, %s', (_, options, small, large) => {
  it('gives the same model, bit for bit, as fit, and lets timers run during the fit', async () => {
    const X = fiveBlobs(small, 1);
    const sync = new AgglomerativeClustering(options).fit(X);
    const { result, ticks } = await timerTicksDuring(2, () =>
      new AgglomerativeClustering(options).fitAsync(X),
    );
    expect(JSON.stringify(result.toJSON())).toBe(JSON.stringify(sync.toJSON()));
    expect(Array.from(result.labels)).toEqual(Array.from(sync.labels));
    expect(sync.nClusters).toBe(5);
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops with AbortedError within about 100 ms of an abort mid-fit', async () => {
    const X = fiveBlobs(large, 2);
    const { error, cpuMs, cpuBeforeAbortMs } = await abortMidFit(150, (signal) =>
      new AgglomerativeClustering(options).fitAsync(X, { signal }),
    );
    expect(AbortedError.isInstance(error)).toBe(true);
    // The timer fired on time (the fit yielded), and the fit stopped within 100 ms of CPU time.
    expect(cpuBeforeAbortMs).toBeLessThan(250);
    expect(cpuMs).toBeLessThan(100);
  });
});
