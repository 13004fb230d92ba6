import { type Clusterer, type ClusteringModel, createMatrix, type JsonValue } from '@mixkit/core';
import { type ClustererSetup, type DataMaker, describeClusterer } from '@mixkit/core/testing';
import { fitInChildProcess } from '@mixkit/test-utils/childProcess';
import {
  KMeans,
  type KMeansAlgorithm,
  KMeansModel,
  KMedoids,
  KMedoidsModel,
  MiniBatchKMeans,
  SphericalKMeans,
  SphericalKMeansModel,
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
  const here = {
    KMeans,
    KMeansModel,
    KMedoids,
    KMedoidsModel,
    MiniBatchKMeans,
    SphericalKMeans,
  } as Module;
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
  'yinyang',
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

/**
 * Directions: cluster c points along axis c of 3 (plus noise of 0.05 or 0.9 per coordinate,
 * separated or overlapping), each row at a random length in [1, 5].
 */
const directions: DataMaker = ({ rows, nClusters, separation, random }) => {
  const X = createMatrix(rows, 3);
  const labels = new Int32Array(rows);
  const noise = separation === 'separated' ? 0.05 : 0.9;
  for (let i = 0; i < rows; i++) {
    const c = i % nClusters;
    labels[i] = c;
    const length = 1 + 4 * random.uniform();
    for (let j = 0; j < 3; j++) {
      X.data[3 * i + j] = length * ((j === c % 3 ? 1 : 0) + noise * random.normal());
    }
  }
  return { X, labels };
};

describeClusterer(
  'SphericalKMeans',
  setup(
    (m, nClusters) => new m.SphericalKMeans({ nClusters }),
    '(m, nClusters) => new m.SphericalKMeans({ nClusters })',
    {
      fromJSON: (json) => SphericalKMeansModel.fromJSON(json),
      data: directions,
      objective: 'maximize',
      expectedFailures: {
        'mixed-column-scales':
          'directions do not survive rescaling single columns: at 1e-6 next to 1e6 every row points along the large columns, so no directional clusterer can separate them',
      },
    },
  ),
);
