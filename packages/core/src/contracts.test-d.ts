import { describe, expectTypeOf, it } from 'vitest';
import type { Clusterer, ClusteringModel, SoftClusteringModel } from './clusterer.js';
import type {
  AnyComponentFamily,
  ComponentFamily,
  ParamsOf,
  SerializedParams,
  StatsOf,
} from './componentFamily.js';
import type { FitWarning } from './fitResult.js';
import type { Matrix, MatrixInput } from './matrix.js';
import type { RandomSource } from './random.js';

interface PoissonParams {
  readonly rates: Float64Array;
}
interface PoissonStats {
  weight: number;
  sums: Float64Array;
}
declare const poisson: ComponentFamily<PoissonParams, PoissonStats>;

describe('ComponentFamily', () => {
  it('exposes its parameter and statistics types', () => {
    expectTypeOf<ParamsOf<typeof poisson>>().toEqualTypeOf<PoissonParams>();
    expectTypeOf<StatsOf<typeof poisson>>().toEqualTypeOf<PoissonStats>();
  });

  it('types the batched members with row ranges and strided buffers', () => {
    expectTypeOf(poisson.logDensity).parameters.toEqualTypeOf<
      [PoissonParams, Matrix, number, number, Float64Array, number, number]
    >();
    expectTypeOf(poisson.logDensity).returns.toEqualTypeOf<Float64Array>();
    expectTypeOf(poisson.accumulate).parameters.toEqualTypeOf<
      [PoissonStats, Matrix, number, number, Float64Array, number, number, PoissonParams?]
    >();
    expectTypeOf(poisson.estimate).returns.toEqualTypeOf<PoissonParams>();
    expectTypeOf(poisson.merge).returns.toEqualTypeOf<PoissonStats>();
    expectTypeOf(poisson.sample).parameter(2).toEqualTypeOf<RandomSource>();
  });

  it('passes the current parameters to accumulate optionally (per-row latent variables)', () => {
    // A family that ignores them still implements the contract with the 7-argument form.
    const ignoring: ComponentFamily<PoissonParams, PoissonStats>['accumulate'] = (stats) => stats;
    expectTypeOf(ignoring).parameter(7).toEqualTypeOf<PoissonParams | undefined>();
  });

  it('makes the tied-parameter hooks optional', () => {
    expectTypeOf(poisson.estimateAll).toEqualTypeOf<
      | ((stats: readonly PoissonStats[], previous?: readonly PoissonParams[]) => PoissonParams[])
      | undefined
    >();
    expectTypeOf(poisson.nSharedParameters).toEqualTypeOf<
      ((params: PoissonParams) => number) | undefined
    >();
  });

  it('serializes parameters with kind and version', () => {
    expectTypeOf(poisson.paramsToJSON).returns.toExtend<{ kind: string; version: number }>();
    expectTypeOf(poisson.paramsFromJSON).parameter(0).toEqualTypeOf<SerializedParams>();
  });

  it('lets a heterogeneous list hold families of different types', () => {
    const families: AnyComponentFamily[] = [poisson];
    expectTypeOf(families).items.toExtend<AnyComponentFamily>();
  });
});

describe('Clusterer', () => {
  it('fits any matrix input into its model type', () => {
    type Soft = Clusterer<SoftClusteringModel>;
    expectTypeOf<Soft['fit']>().parameter(0).toEqualTypeOf<MatrixInput>();
    expectTypeOf<ReturnType<Soft['fit']>>().toEqualTypeOf<SoftClusteringModel>();
    expectTypeOf<SoftClusteringModel>().toExtend<ClusteringModel>();
    expectTypeOf<ClusteringModel['predict']>().returns.toEqualTypeOf<Int32Array>();
    expectTypeOf<SoftClusteringModel['predictProba']>().returns.toEqualTypeOf<Matrix>();
  });

  it('may leave the number of clusters to the fit (density-based clusterers)', () => {
    expectTypeOf<Clusterer['nClusters']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ClusteringModel['nClusters']>().toEqualTypeOf<number>();
  });
});

describe('FitWarning', () => {
  it('is a discriminated union on kind', () => {
    expectTypeOf<FitWarning['kind']>().toEqualTypeOf<
      'not-converged' | 'empty-component' | 'degenerate-component' | 'regularization-dominates'
    >();
    expectTypeOf<Extract<FitWarning, { kind: 'degenerate-component' }>['reason']>().toEqualTypeOf<
      'empty' | 'singular' | 'no-support'
    >();
  });
});
