import type {
  Clusterer,
  IterationProgress,
  SoftClusterer,
  SoftClusteringModel,
} from '@mixkit/core';
import { gaussianFull } from '@mixkit/distributions';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type EmStep,
  fitMixture,
  fitMixtureAsync,
  GaussianMixture,
  type GaussianMixtureModel,
  iterateEm,
  type Mixture,
  type MixtureInit,
  type MixtureModel,
} from './index.js';

describe('public API types', () => {
  it('models and clusterers implement the core contracts', () => {
    expectTypeOf<MixtureModel>().toExtend<SoftClusteringModel>();
    expectTypeOf<GaussianMixtureModel>().toExtend<MixtureModel>();
    expectTypeOf<Mixture>().toExtend<SoftClusterer<MixtureModel>>();
    expectTypeOf<GaussianMixture>().toExtend<SoftClusterer<GaussianMixtureModel>>();
  });

  it('fits return models; iterateEm yields steps and returns a model', () => {
    const X = [[1], [2]];
    expectTypeOf(
      fitMixture(X, { family: gaussianFull(), nComponents: 1 }),
    ).toEqualTypeOf<MixtureModel>();
    expectTypeOf(fitMixtureAsync(X, { components: [gaussianFull()] })).toEqualTypeOf<
      Promise<MixtureModel>
    >();
    expectTypeOf(iterateEm).returns.toEqualTypeOf<Generator<EmStep, MixtureModel, void>>();
    expectTypeOf<EmStep>().toExtend<IterationProgress>();
  });

  it('options are unions, not free strings', () => {
    expectTypeOf<'kmeans'>().toExtend<MixtureInit>();
    expectTypeOf<'kmeans++'>().not.toExtend<MixtureInit>();
    expectTypeOf<{ kind: 'clusterer'; clusterer: Clusterer }>().toExtend<MixtureInit>();
    // @ts-expect-error: a mixture needs its components
    fitMixture([[1]], { nInit: 2 });
    // @ts-expect-error: covariance types are a closed union
    new GaussianMixture({ covarianceType: 'banana' });
  });
});
