import { describe, it, vi } from 'vitest';
import type { ClusteringModel } from '../clusterer.js';
import { clustererChecks } from './clustererChecks.js';
import type { ClustererSetup } from './types.js';

/**
 * Registers the clusterer battery with vitest, after scikit-learn's `check_estimator`: one test
 * per check (bad and awkward inputs, extreme weights and magnitudes, determinism in this module,
 * a fresh module and another process, the JSON round trip, weights as repetition, row order,
 * abort, no NaN, a monotone objective). Call it at the top level of a test file:
 * ```ts
 * describeClusterer('KMeans (lloyd)', {
 *   create: (nClusters) => new KMeans({ nClusters, algorithm: 'lloyd' }),
 *   fromJSON: KMeansModel.fromJSON,
 *   objective: 'minimize',
 * });
 * ```
 * A check listed in `expectedFailures` runs as an expected failure (`it.fails`): the suite stays
 * green while it fails and turns red once it passes, so the entry cannot go stale.
 */
export function describeClusterer<Model extends ClusteringModel>(
  name: string,
  setup: ClustererSetup<Model>,
): void {
  const checks = clustererChecks(setup, () => vi.resetModules());
  const expected = setup.expectedFailures ?? {};
  describe(`${name} passes the clusterer battery`, () => {
    for (const check of checks) {
      const reason = expected[check.check];
      if (reason === undefined) it(`${check.check}: ${check.title}`, check.run);
      else it.fails(`${check.check}: ${check.title} [expected failure: ${reason}]`, check.run);
    }
  });
}
