import { AbortedError, type ClusteringModel, type Matrix } from '@mixkit/core';
import { abortMidFit, fiveBlobs, timerTicksDuring } from '@mixkit/test-utils';
import { describe, expect, it } from 'vitest';
import { Dbscan } from './dbscan.js';
import { Hdbscan } from './hdbscan.js';
import { Optics } from './optics.js';

interface AsyncClusterer {
  fit(X: Matrix): ClusteringModel;
  fitAsync(X: Matrix, options: { signal?: AbortSignal }): Promise<ClusteringModel>;
}

// Each case: a fit of a few hundred milliseconds on a quiet machine for the same-bits check (well
// beyond the 25 ms budget, so the async fit really yields), and one that takes seconds for the
// abort (measured on this machine: 1.3-3.5 s of CPU in fit).
const cases: readonly {
  readonly name: string;
  readonly make: () => AsyncClusterer;
  readonly small: number;
  readonly large: number;
}[] = [
  {
    name: 'Dbscan (brute force)',
    make: () => new Dbscan({ eps: 0.3, minPts: 5, algorithm: 'brute' }),
    small: 1500,
    large: 3000,
  },
  {
    name: 'Dbscan (KD-tree)',
    make: () => new Dbscan({ eps: 0.3, minPts: 5 }),
    small: 8000,
    large: 20_000,
  },
  {
    name: 'Optics',
    make: () => new Optics({ minPts: 5, eps: 1, epsCluster: 0.3 }),
    small: 3000,
    large: 8000,
  },
  {
    name: 'Optics (eps = Infinity)',
    make: () => new Optics({ minPts: 5, epsCluster: 0.3 }),
    small: 800,
    large: 2000,
  },
  { name: 'Hdbscan', make: () => new Hdbscan({ minPts: 5 }), small: 1500, large: 3000 },
];

describe.each(cases.map((c) => [c.name, c] as const))(
  '%s.fitAsync',
  (_, { make, small, large }) => {
    it('gives the same model, bit for bit, as fit, and lets timers run during the fit', async () => {
      const X = fiveBlobs(small, 1);
      const sync = make().fit(X);
      const { result, ticks } = await timerTicksDuring(2, () => make().fitAsync(X, {}));
      expect(JSON.stringify(result.toJSON())).toBe(JSON.stringify(sync.toJSON()));
      expect(Array.from(result.labels ?? [])).toEqual(Array.from(sync.labels ?? []));
      expect(sync.nClusters).toBeGreaterThan(0);
      expect(ticks).toBeGreaterThan(0);
    });

    it('stops with AbortedError within about 100 ms of an abort mid-fit', async () => {
      const X = fiveBlobs(large, 2);
      const { error, cpuMs } = await abortMidFit(150, (signal) => make().fitAsync(X, { signal }));
      expect(AbortedError.isInstance(error)).toBe(true);
      // CPU time of this process after the abort: at most one budget's remainder and one pause's
      // work, whatever else loads the machine.
      expect(cpuMs).toBeLessThan(100);
    });
  },
);
