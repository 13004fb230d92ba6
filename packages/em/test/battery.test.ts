import type { Clusterer, ClusteringModel, JsonValue, Matrix } from '@mixkit/core';
import { type ClustererSetup, type DataMaker, describeClusterer } from '@mixkit/core/testing';
import { familyFromSpec } from '@mixkit/distributions';
import { fitInChildProcess } from '@mixkit/test-utils/childProcess';
import {
  bernoulliData,
  categoricalData,
  exponentialData,
  gammaData,
  logNormalData,
  mixedData,
  multinomialData,
  poissonData,
  unitDirections,
} from './batteryData.js';

// The clusterer battery of @mixkit/core/testing on mixtures of every shipped family, a product
// family and a heterogeneous mixture, fitted by this package's runner (`Mixture`). Each maker is
// one function of (em module, distributions module, nClusters), so the same code builds the
// clusterer here, in a fresh instance of both modules, and (as its source text) in another
// process.

type Em = typeof import('../src/index.js');
type Distributions = typeof import('@mixkit/distributions');
type Make = (em: Em, dist: Distributions, nClusters: number) => Clusterer<ClusteringModel>;

const resolveDir = new URL('..', import.meta.url).pathname;
const load = async () =>
  Promise.all([import('../src/index.js'), import('@mixkit/distributions')] as const);
const [em, dist] = await load();

/**
 * A setup building the clusterer with `make`; in the child process from `make`'s source text, or
 * from `source` when `make` closes over a variable (a function's text does not carry it).
 */
function setup(
  make: Make,
  rest: Partial<ClustererSetup> = {},
  source = make.toString(),
): ClustererSetup {
  return {
    soft: true,
    objective: 'maximize',
    fromJSON: (json: JsonValue) => em.MixtureModel.fromJSON(json, familyFromSpec),
    ...rest,
    create: (nClusters) => make(em, dist, nClusters),
    reload: async () => {
      const [freshEm, freshDist] = await load();
      return (nClusters) => make(freshEm, freshDist, nClusters);
    },
    fitInOtherProcess: (X: Matrix, nClusters: number, seed: number) =>
      fitInChildProcess({
        source: [
          "import * as em from './src/index.ts';",
          "import * as dist from '@mixkit/distributions';",
          `const create = (nClusters: number) => (${source})(em, dist, nClusters);`,
        ].join('\n'),
        resolveDir,
        X,
        nClusters,
        seed,
      }),
  };
}

const families: [string, Make, DataMaker | undefined][] = [
  [
    'gaussian-full',
    (m, d, k) => new m.Mixture({ family: d.gaussianFull(), nClusters: k }),
    undefined,
  ],
  [
    'gaussian-diag',
    (m, d, k) => new m.Mixture({ family: d.gaussianDiag(), nClusters: k }),
    undefined,
  ],
  [
    'gaussian-spherical',
    (m, d, k) => new m.Mixture({ family: d.gaussianSpherical(), nClusters: k }),
    undefined,
  ],
  [
    'gaussian-tied',
    (m, d, k) => new m.Mixture({ family: d.gaussianTied(), nClusters: k }),
    undefined,
  ],
  // One k-means start on counts or 0/1 columns can put two seeds in one cluster (a local
  // optimum EM keeps): the best of 5.
  [
    'poisson',
    (m, d, k) => new m.Mixture({ family: d.poisson(), nClusters: k, nInit: 5 }),
    poissonData,
  ],
  // Clusters of positive data separated on a log scale: the default start, k-means on the raw
  // values, splits the widest cluster and merges the narrow ones (a local optimum EM keeps), so
  // these start from 5 draws of k data rows and keep the best restart.
  [
    'exponential',
    (m, d, k) =>
      new m.Mixture({ family: d.exponential(), nClusters: k, init: 'random-from-data', nInit: 5 }),
    exponentialData,
  ],
  [
    'gamma',
    (m, d, k) =>
      new m.Mixture({ family: d.gamma(), nClusters: k, init: 'random-from-data', nInit: 5 }),
    gammaData,
  ],
  [
    'log-normal',
    (m, d, k) =>
      new m.Mixture({ family: d.logNormal(), nClusters: k, init: 'random-from-data', nInit: 5 }),
    logNormalData,
  ],
  [
    'bernoulli',
    (m, d, k) => new m.Mixture({ family: d.bernoulli(), nClusters: k, nInit: 5 }),
    bernoulliData,
  ],
  // One k-means start on codes (read as numbers) can merge two clusters: the best of 5.
  [
    'categorical',
    (m, d, k) => new m.Mixture({ family: d.categorical({ levels: 4 }), nClusters: k, nInit: 5 }),
    categoricalData,
  ],
  [
    'multinomial',
    (m, d, k) => new m.Mixture({ family: d.multinomial(), nClusters: k }),
    multinomialData,
  ],
];

families.push(
  [
    'student-t-full',
    (m, d, k) => new m.Mixture({ family: d.studentTFull(), nClusters: k }),
    undefined,
  ],
  [
    'student-t-diag',
    (m, d, k) => new m.Mixture({ family: d.studentTDiag(), nClusters: k }),
    undefined,
  ],
  [
    'von-mises-fisher',
    (m, d, k) => new m.Mixture({ family: d.vonMisesFisher(), nClusters: k }),
    unitDirections,
  ],
);
for (const [name, make, data] of families) {
  describeClusterer(`mixture of ${name}`, setup(make, data === undefined ? {} : { data }));
}

// mclust's 14 parsimonious covariance models, each a family of its own kind.
for (const model of dist.gaussianModelNames) {
  describeClusterer(
    `mixture of gaussian-${model}`,
    setup(
      (m, d, k) => new m.Mixture({ family: d.gaussianModel(model), nClusters: k }),
      {},
      `(m, d, k) => new m.Mixture({ family: d.gaussianModel('${model}'), nClusters: k })`,
    ),
  );
}

describeClusterer(
  'mixture of a product (gaussian-diag, poisson, categorical)',
  setup(
    (m, d, k) =>
      new m.Mixture({
        family: d.product([
          { columns: [0, 1], family: d.gaussianDiag() },
          { columns: [2], family: d.poisson() },
          { columns: [3], family: d.categorical({ levels: 4 }) },
        ]),
        nClusters: k,
      }),
    { data: mixedData },
  ),
);

describeClusterer(
  'heterogeneous mixture (full, diag and spherical Gaussians in turn)',
  setup(
    (m, d, k) => {
      const kinds = [d.gaussianFull(), d.gaussianDiag(), d.gaussianSpherical()];
      return new m.Mixture({ components: Array.from({ length: k }, (_, c) => kinds[c % 3]) });
    },
    {
      expectedFailures: {
        'rejects-zero-clusters':
          'a heterogeneous mixture takes a list of components, not nClusters: an empty list is an InvalidInputError naming components',
        'rejects-fractional-clusters':
          'a heterogeneous mixture takes a list of components, so 2.5 clusters cannot be asked for (the setup builds 2)',
      },
    },
  ),
);
