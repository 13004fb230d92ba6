import type { Clusterer, ClusteringModel } from '@mixkit/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { KMeans } from './kmeans.js';
import type { KMeansModel } from './kmeansModel.js';
import type { KMeansAlgorithm, KMeansOptions } from './kmeansOptions.js';
import type { KMedoids } from './kmedoids/kmedoids.js';
import type { KMedoidsModel } from './kmedoids/kmedoidsModel.js';
import type { MiniBatchKMeans } from './miniBatchKmeans.js';
import type { SphericalKMeans } from './spherical/sphericalKMeans.js';
import type { SphericalKMeansModel } from './spherical/sphericalKMeansModel.js';

describe('kmeans public types', () => {
  it('clusterers implement the core Clusterer contract and models ClusteringModel', () => {
    expectTypeOf<KMeans>().toExtend<Clusterer<KMeansModel>>();
    expectTypeOf<MiniBatchKMeans>().toExtend<Clusterer<KMeansModel>>();
    expectTypeOf<KMedoids>().toExtend<Clusterer<KMedoidsModel>>();
    expectTypeOf<KMeansModel>().toExtend<ClusteringModel>();
    expectTypeOf<KMedoidsModel>().toExtend<ClusteringModel>();
    expectTypeOf<SphericalKMeans>().toExtend<Clusterer<SphericalKMeansModel>>();
    expectTypeOf<SphericalKMeansModel>().toExtend<ClusteringModel>();
  });
  it('algorithm is a union of literals, and k is required', () => {
    expectTypeOf<KMeansAlgorithm>().toEqualTypeOf<
      'lloyd' | 'hamerly' | 'elkan' | 'yinyang' | 'auto'
    >();
    expectTypeOf<{ algorithm: 'lloyd' }>().not.toExtend<KMeansOptions>();
    expectTypeOf<KMeansModel['labels']>().toEqualTypeOf<Int32Array>();
  });
});
