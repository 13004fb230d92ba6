import type { Clusterer, ClusteringModel, JsonValue, Matrix } from '@mixkit/core';
import { describeClusterer } from '@mixkit/core/testing';
import { fitInChildProcess } from '@mixkit/test-utils/childProcess';
import { GaussianMixture, GaussianMixtureModel } from '../src/index.js';

// The clusterer battery of @mixkit/core/testing on the scikit-learn facade, for every
// covariance type: in this module, in a fresh instance of it and in another process.

type Facade = typeof import('../src/index.js');
type Make = (facade: Facade, nClusters: number) => Clusterer<ClusteringModel>;
const resolveDir = new URL('..', import.meta.url).pathname;

function battery(name: string, make: Make): void {
  const here = { GaussianMixture, GaussianMixtureModel } as Facade;
  describeClusterer(name, {
    soft: true,
    objective: 'maximize',
    fromJSON: (json: JsonValue) => GaussianMixtureModel.fromJSON(json),
    create: (nClusters) => make(here, nClusters),
    reload: async () => {
      const fresh = await import('../src/index.js');
      return (nClusters) => make(fresh, nClusters);
    },
    fitInOtherProcess: (X: Matrix, nClusters: number, seed: number) =>
      fitInChildProcess({
        source: `import * as facade from './src/index.ts';\nconst create = (nClusters: number) => (${make.toString()})(facade, nClusters);`,
        resolveDir,
        X,
        nClusters,
        seed,
      }),
  });
}

battery('GaussianMixture (full)', (f, k) => new f.GaussianMixture({ nClusters: k }));
battery(
  'GaussianMixture (tied)',
  (f, k) => new f.GaussianMixture({ nClusters: k, covarianceType: 'tied' }),
);
battery(
  'GaussianMixture (diag)',
  (f, k) => new f.GaussianMixture({ nClusters: k, covarianceType: 'diag' }),
);
battery(
  'GaussianMixture (spherical)',
  (f, k) => new f.GaussianMixture({ nClusters: k, covarianceType: 'spherical' }),
);
battery(
  'GaussianMixture (diag, relative regCovar)',
  (f, k) =>
    new f.GaussianMixture({ nClusters: k, covarianceType: 'diag', regCovar: { relative: 1e-6 } }),
);
