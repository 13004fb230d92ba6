import type { SoftClusterer, SoftClusteringModel } from '@mixkit/core';
import type { GaussianDiagParams, GaussianFullParams } from '@mixkit/distributions';
import type { MixtureModel } from '@mixkit/em';
import { describe, expectTypeOf, it } from 'vitest';
import {
  BayesianGaussianMixture,
  type BayesianGaussianMixtureModel,
  GaussianMixture,
  type GaussianMixtureModel,
} from './index.js';

describe('public API types', () => {
  it('models and clusterers implement the core contracts', () => {
    expectTypeOf<GaussianMixtureModel>().toExtend<SoftClusteringModel>();
    expectTypeOf<GaussianMixtureModel<'full'>>().toExtend<MixtureModel<GaussianFullParams>>();
    expectTypeOf<GaussianMixture>().toExtend<SoftClusterer<GaussianMixtureModel<'full'>>>();
  });

  it('covariances and parameters are typed by the covariance type, with no cast', () => {
    const X = [[1], [2], [3]];
    const full = new GaussianMixture({ nClusters: 1 }).fit(X);
    expectTypeOf(full.covariances).toEqualTypeOf<number[][][]>();
    const diag = new GaussianMixture({ nClusters: 1, covarianceType: 'diag' }).fit(X);
    expectTypeOf(diag.covariances).toEqualTypeOf<number[][]>();
    expectTypeOf(diag.params[0]).toEqualTypeOf<GaussianDiagParams>();
    const spherical = new GaussianMixture({ covarianceType: 'spherical' }).fit(X);
    expectTypeOf(spherical.precisions).toEqualTypeOf<number[]>();
    const tied = new GaussianMixture({ covarianceType: 'tied' }).fit(X);
    expectTypeOf(tied.covariances).toEqualTypeOf<number[][]>();
  });

  it("BayesianGaussianMixture's async fit takes GaussianMixture's executor, signal and onIteration", () => {
    type BayesOptions = NonNullable<Parameters<BayesianGaussianMixture['fitAsync']>[1]>;
    type GmmOptions = NonNullable<Parameters<GaussianMixture['fitAsync']>[1]>;
    expectTypeOf<BayesOptions['executor']>().toEqualTypeOf<GmmOptions['executor']>();
    expectTypeOf<BayesOptions['signal']>().toEqualTypeOf<GmmOptions['signal']>();
    expectTypeOf<BayesOptions['onIteration']>().toEqualTypeOf<GmmOptions['onIteration']>();
    const diag = new BayesianGaussianMixture({ covarianceType: 'diag' });
    expectTypeOf(diag.fitAsync([[1]])).toEqualTypeOf<
      Promise<BayesianGaussianMixtureModel<'diag'>>
    >();
  });

  it('options are unions, not free strings', () => {
    // @ts-expect-error: covariance types are a closed union
    new GaussianMixture({ covarianceType: 'banana' });
    // @ts-expect-error: initialisations are spelled as everywhere in mixkit
    new GaussianMixture({ init: 'random_from_data' });
    // @ts-expect-error: spherical precisions are one number per component
    new GaussianMixture({ covarianceType: 'spherical', precisionsInit: [[1]] });
  });
});
