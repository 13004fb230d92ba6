import type {
  Clusterer,
  IterationProgress,
  SoftClusterer,
  SoftClusteringModel,
} from '@mixkit/core';
import {
  type GaussianFullParams,
  gaussianFull,
  type PoissonParams,
  poisson,
} from '@mixkit/distributions';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChunkSource,
  type EmStep,
  type EStep,
  fitMixture,
  fitMixtureAsync,
  fitMixtureStream,
  iterateEm,
  iterateEmStream,
  type Mixture,
  type MixtureInit,
  type MixtureModel,
  type MixtureSelection,
  OnlineMixture,
  type SelectionCriterion,
  selectMixture,
} from '../index.js';

describe('public API types', () => {
  it('models and clusterers implement the core contracts', () => {
    expectTypeOf<MixtureModel>().toExtend<SoftClusteringModel>();
    expectTypeOf<MixtureModel<GaussianFullParams>>().toExtend<MixtureModel>();
    expectTypeOf<Mixture>().toExtend<SoftClusterer<MixtureModel>>();
  });

  it('fits return models; iterateEm yields steps and returns a model', () => {
    const X = [[1], [2]];
    expectTypeOf(fitMixture(X, { family: gaussianFull(), nClusters: 1 })).toEqualTypeOf<
      MixtureModel<GaussianFullParams>
    >();
    expectTypeOf(fitMixtureAsync(X, { components: [gaussianFull()] })).toEqualTypeOf<
      Promise<MixtureModel<GaussianFullParams>>
    >();
    expectTypeOf(iterateEm(X, { family: gaussianFull(), nClusters: 1 })).toEqualTypeOf<
      Generator<EmStep<GaussianFullParams>, MixtureModel<GaussianFullParams>, void>
    >();
    expectTypeOf<EmStep>().toExtend<IterationProgress>();
    expectTypeOf<EmStep<GaussianFullParams>['model']>().returns.toEqualTypeOf<
      MixtureModel<GaussianFullParams>
    >();
  });

  it('parameters are typed by the families, with no cast at the call site', () => {
    const X = [[1], [2], [3]];
    const model = fitMixture(X, { family: gaussianFull(), nClusters: 2 });
    expectTypeOf(model.params[0].mean).toEqualTypeOf<Float64Array>();
    const mixed = fitMixture(X, { components: [gaussianFull(), poisson()] });
    expectTypeOf(mixed.params).toEqualTypeOf<readonly (GaussianFullParams | PoissonParams)[]>();
    // Given parameters must be the family's own.
    fitMixture(X, {
      family: gaussianFull(),
      nClusters: 1,
      // @ts-expect-error: a Poisson start for a Gaussian family
      init: { kind: 'params', params: [{ rate: 1 }] },
    });
  });

  it('options are unions, not free strings', () => {
    expectTypeOf<'k-means'>().toExtend<MixtureInit>();
    expectTypeOf<'kmeans'>().not.toExtend<MixtureInit>();
    expectTypeOf<{ kind: 'clusterer'; clusterer: Clusterer }>().toExtend<MixtureInit>();
    // @ts-expect-error: a mixture needs its components
    fitMixture([[1]], { nInit: 2 });
  });

  it('the variants: hard E-step, streams, online EM and selection have precise types', () => {
    expectTypeOf<EStep>().toEqualTypeOf<'soft' | 'hard'>();
    expectTypeOf<SelectionCriterion>().toEqualTypeOf<'bic' | 'aic' | 'icl'>();
    const X = [[1], [2]];
    fitMixture(X, { family: gaussianFull(), nClusters: 1, estep: 'hard' });
    // @ts-expect-error: the E-step is a closed union
    fitMixture(X, { family: gaussianFull(), nClusters: 1, estep: 'fuzzy' });
    expectTypeOf(
      fitMixtureStream(() => [X], { family: gaussianFull(), nClusters: 1 }),
    ).toEqualTypeOf<Promise<MixtureModel<GaussianFullParams>>>();
    expectTypeOf(iterateEmStream(() => [X], { family: poisson(), nClusters: 1 })).toEqualTypeOf<
      AsyncGenerator<EmStep<PoissonParams>, MixtureModel<PoissonParams>, void>
    >();
    expectTypeOf<() => AsyncGenerator<number[][]>>().toExtend<ChunkSource>();
    const online = new OnlineMixture({ family: gaussianFull(), nClusters: 2 });
    expectTypeOf(online.model).toEqualTypeOf<MixtureModel<GaussianFullParams>>();
    expectTypeOf(
      selectMixture(X, { grid: { nClusters: [1, 2], families: { full: gaussianFull() } } }),
    ).toEqualTypeOf<MixtureSelection>();
  });
});
