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

// Found by the battery and not fixed here (issue 16, left for the package's owner): distances
// are taken on the data as given, so squared distances near 1e300 overflow and near 1e-300
// underflow to 0, and merges among ties give a wrong partition with no error. The k-means
// package's answer (a power-of-two scale inside the fit, kept by the model for predict) would
// carry over; until then these are expected failures, which turn red once fixed.
const tiny =
  'squared distances of rows near 1e-300 underflow to 0: the merges tie and the cut is wrong, with no error';
const huge =
  'squared distances of rows near 1e300 overflow to Infinity: the merges tie and the cut is wrong, with no error';
for (const linkage of ['ward', 'complete', 'average', 'single'] as const) {
  battery(
    `AgglomerativeClustering (${linkage})`,
    (m, nClusters) => new m.AgglomerativeClustering({ nClusters, linkage }),
    `(m, nClusters) => new m.AgglomerativeClustering({ nClusters, linkage: '${linkage}' })`,
    linkage === 'single' ? { 'tiny-values': tiny } : { 'tiny-values': tiny, 'huge-values': huge },
  );
}
