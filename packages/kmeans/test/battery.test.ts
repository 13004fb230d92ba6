import type { Clusterer, ClusteringModel, JsonValue } from '@mixkit/core';
import { type ClustererSetup, describeClusterer } from '@mixkit/core/testing';
import { fitInChildProcess } from '@mixkit/test-utils';
import {
  KMeans,
  type KMeansAlgorithm,
  KMeansModel,
  KMedoids,
  KMedoidsModel,
  MiniBatchKMeans,
} from '../src/index.js';

// The clusterer battery of @mixkit/core/testing on every clusterer of this package. Each setup
// says how to build the clusterer in this module, in a fresh instance of it (`reload`) and in
// another process (the same source, bundled and run by `node`).

const resolveDir = new URL('..', import.meta.url).pathname;
type Module = typeof import('../src/index.js');

/** A setup whose clusterer is built by `make` from this package's module. */
function setup<Model extends ClusteringModel>(
  make: (module: Module, nClusters: number) => Clusterer<Model>,
  source: string,
  rest: Omit<ClustererSetup<Model>, 'create' | 'reload' | 'fitInOtherProcess'>,
): ClustererSetup<Model> {
  const here: Module = { KMeans, KMeansModel, KMedoids, KMedoidsModel, MiniBatchKMeans } as Module;
  return {
    ...rest,
    create: (nClusters) => make(here, nClusters),
    reload: async () => {
      const fresh = await import('../src/index.js');
      return (nClusters) => make(fresh, nClusters);
    },
    fitInOtherProcess: (X, nClusters, seed) =>
      fitInChildProcess({
        source: `import * as module from './src/index.ts';\nconst create = (nClusters: number) => (${source})(module, nClusters);`,
        resolveDir,
        X,
        nClusters,
        seed,
      }),
  };
}

const fromKMeansJson = (json: JsonValue) => KMeansModel.fromJSON(json);

for (const algorithm of [
  'lloyd',
  'hamerly',
  'elkan',
  'auto',
] as const satisfies readonly KMeansAlgorithm[]) {
  describeClusterer(
    `KMeans (${algorithm})`,
    setup(
      (m, nClusters) => new m.KMeans({ nClusters, algorithm }),
      `(m, nClusters) => new m.KMeans({ nClusters, algorithm: '${algorithm}' })`,
      { fromJSON: fromKMeansJson, objective: 'minimize' },
    ),
  );
}

describeClusterer(
  'MiniBatchKMeans',
  setup(
    (m, nClusters) => new m.MiniBatchKMeans({ nClusters, batchSize: 32 }),
    '(m, nClusters) => new m.MiniBatchKMeans({ nClusters, batchSize: 32 })',
    {
      fromJSON: fromKMeansJson,
      objective: 'none',
      expectedFailures: {
        'weight-equals-repetition':
          'batches draw rows uniformly by index, so a row of weight 3 and three copies of it are sampled differently: the fits agree only in expectation',
      },
    },
  ),
);

// Random initial medoids rather than BUILD, whose start is so good that the swap phase makes one
// pass and leaves no objective trace to check.
describeClusterer(
  'KMedoids',
  setup(
    (m, nClusters) => new m.KMedoids({ nClusters, init: 'random' }),
    "(m, nClusters) => new m.KMedoids({ nClusters, init: 'random' })",
    { fromJSON: (json) => KMedoidsModel.fromJSON(json), objective: 'minimize' },
  ),
);
