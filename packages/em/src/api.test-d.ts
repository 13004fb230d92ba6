import type {
  Clusterer,
  IterationProgress,
  SoftClusterer,
  SoftClusteringModel,
} from '@mixkit/core';
import { gaussianFull } from '@mixkit/distributions';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChunkSource,
  type EmStep,
  type EStep,
  fitMixture,
  fitMixtureAsync,
  fitMixtureStream,
  GaussianMixture,
  type GaussianMixtureModel,
  iterateEm,
  iterateEmStream,
  type Mixture,
  type MixtureInit,
  type MixtureModel,
  type MixtureSelection,
  OnlineMixture,
  type SelectionCriterion,
  selectMixture,
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

  it('the variants: hard E-step, streams, online EM and selection have precise types', () => {
    expectTypeOf<EStep>().toEqualTypeOf<'soft' | 'hard'>();
    expectTypeOf<SelectionCriterion>().toEqualTypeOf<'bic' | 'aic' | 'icl'>();
    const X = [[1], [2]];
    fitMixture(X, { family: gaussianFull(), nComponents: 1, estep: 'hard' });
    // @ts-expect-error: the E-step is a closed union
    fitMixture(X, { family: gaussianFull(), nComponents: 1, estep: 'fuzzy' });
    expectTypeOf(
      fitMixtureStream(() => [X], { family: gaussianFull(), nComponents: 1 }),
    ).toEqualTypeOf<Promise<MixtureModel>>();
    expectTypeOf(iterateEmStream).returns.toEqualTypeOf<
      AsyncGenerator<EmStep, MixtureModel, void>
    >();
    expectTypeOf<() => AsyncGenerator<number[][]>>().toExtend<ChunkSource>();
    const online = new OnlineMixture({ family: gaussianFull(), nComponents: 2 });
    expectTypeOf(online.partialFit(X)).toEqualTypeOf<OnlineMixture>();
    expectTypeOf(online.model).toEqualTypeOf<MixtureModel>();
    expectTypeOf(
      selectMixture(X, { grid: { nComponents: [1, 2], families: { full: gaussianFull() } } }),
    ).toEqualTypeOf<MixtureSelection>();
  });
});
