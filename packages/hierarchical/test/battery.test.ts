import type { Clusterer, ClusteringModel, JsonValue, Matrix } from '@mixkit/core';
import { type ClustererCheckName, describeClusterer } from '@mixkit/core/testing';
import { fitInChildProcess } from '@mixkit/test-utils/childProcess';
import { AgglomerativeClustering, AgglomerativeModel } from '../src/index.js';

// The clusterer battery of @mixkit/core/testing on agglomerative clustering, every linkage, cut
// at the battery's nClusters.

type Module = typeof import('../src/index.js');
type Make = (module: Module, nClusters: number) => Clusterer<ClusteringModel>;
const resolveDir = new URL('..', import.meta.url).pathname;

function battery(
  name: string,
  make: Make,
  source: string,
  expectedFailures: Partial<Record<ClustererCheckName, string>>,
): void {
  const here = { AgglomerativeClustering, AgglomerativeModel } as Module;
  describeClusterer(name, {
    // One pass, no sample weights (a typed error for any), no objective trace.
    sampleWeight: false,
    progress: false,
    expectedFailures,
    fromJSON: (json: JsonValue) => AgglomerativeModel.fromJSON(json),
    create: (nClusters) => make(here, nClusters),
    reload: async () => {
      const fresh = await import('../src/index.js');
      return (nClusters) => make(fresh, nClusters);
    },
    fitInOtherProcess: (X: Matrix, nClusters: number, seed: number) =>
      fitInChildProcess({
        source: `import * as module from './src/index.ts';\nconst create = (nClusters: number) => (${source})(module, nClusters);`,
        resolveDir,
        X,
        nClusters,
        seed,
      }),
  });
}

// Rows near 1e300 and 1e-300 (the battery's huge-values and tiny-values checks) were wrong
// partitions with no error until linkageMatrix scaled them by a power of two (issue 16): no
// expected failures remain.
for (const linkage of ['ward', 'complete', 'average', 'single'] as const) {
  battery(
    `AgglomerativeClustering (${linkage})`,
    (m, nClusters) => new m.AgglomerativeClustering({ nClusters, linkage }),
    `(m, nClusters) => new m.AgglomerativeClustering({ nClusters, linkage: '${linkage}' })`,
    {},
  );
}
