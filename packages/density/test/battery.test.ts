import type { Clusterer, ClusteringModel, JsonValue, Matrix } from '@mixkit/core';
import {
  type ClustererCheckName,
  type ClustererSetup,
  describeClusterer,
} from '@mixkit/core/testing';
import { fitInChildProcess } from '@mixkit/test-utils/childProcess';
import { Dbscan, DbscanModel, Hdbscan, HdbscanModel, Optics, OpticsModel } from '../src/index.js';

// The clusterer battery of @mixkit/core/testing on the density-based clusterers, which find the
// number of clusters themselves (the nClusters checks do not apply; noise is NOISE, -1). The
// battery's blobs are 20 apart with unit spread, so eps = 4 separates them.

type Module = typeof import('../src/index.js');
type Make = (module: Module) => Clusterer<ClusteringModel>;
const resolveDir = new URL('..', import.meta.url).pathname;
const here = { Dbscan, Hdbscan, Optics } as Module;

function battery(name: string, make: Make, source: string, rest: Partial<ClustererSetup>): void {
  describeClusterer(name, {
    findsClusters: true,
    progress: false,
    ...rest,
    create: () => make(here),
    reload: async () => {
      const fresh = await import('../src/index.js');
      return () => make(fresh);
    },
    fitInOtherProcess: (X: Matrix, _nClusters: number, seed: number) =>
      fitInChildProcess({
        source: `import * as module from './src/index.ts';\nconst create = (_: number) => (${source})(module);`,
        resolveDir,
        X,
        nClusters: 0,
        seed,
      }),
  } as ClustererSetup);
}

// eps is in the data's units: data scaled by 1e300, 1e-300 or per column needs an eps scaled
// alike, which the battery cannot give. That is what these algorithms mean, not a defect: rows
// farther apart than eps are noise, rows all closer than eps are one cluster (as in scikit-learn
// and R). What the battery found at 1e-300 with eps scaled alike (one cluster: squared distances
// underflowed) is fixed and tested in src/density.test.ts (issue 16).
const absoluteRadius: Partial<Record<ClustererCheckName, string>> = {
  'huge-values': 'eps is in the data’s units: rows 1e300 apart are all noise at eps = 4',
  'tiny-values': 'eps is in the data’s units: rows 1e-300 apart are all within eps = 4, one cluster',
  'mixed-column-scales':
    'eps is in the data’s units: a column at 1e6 puts every row beyond eps = 4',
};

battery('Dbscan', (m) => new m.Dbscan({ eps: 4 }), '(m) => new m.Dbscan({ eps: 4 })', {
  fromJSON: (json: JsonValue) => DbscanModel.fromJSON(json),
  expectedFailures: {
    ...absoluteRadius,
    'extreme-weights':
      'the weighted core condition compares weight with minPts in the weights’ units: every weight 1e-310 makes every row noise, by definition',
  },
});
battery(
  'Optics (extracted at eps = 4)',
  (m) => new m.Optics({ epsCluster: 4 }),
  '(m) => new m.Optics({ epsCluster: 4 })',
  {
    fromJSON: (json: JsonValue) => OpticsModel.fromJSON(json),
    sampleWeight: false,
    expectedFailures: absoluteRadius,
  },
);
// HDBSCAN has no parameter in the data's units: rows near 1e300 or 1e-300 gave a wrong partition
// with no error (squared distances overflowed or underflowed, so mutual reachabilities tied)
// until the fit scaled them by a power of two (issue 16); those checks now pass.
battery('Hdbscan', (m) => new m.Hdbscan({ minPts: 5 }), '(m) => new m.Hdbscan({ minPts: 5 })', {
  fromJSON: (json: JsonValue) => HdbscanModel.fromJSON(json),
  sampleWeight: false,
  expectedFailures: {
    'mixed-column-scales':
      'with a column at 1e6 the data are in effect one-dimensional, and HDBSCAN (minPts 5) selects sub-clusters of the 1-D blobs: another density structure, not checked further here',
  },
});
