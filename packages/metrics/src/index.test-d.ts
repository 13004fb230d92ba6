import type { Matrix } from '@mixkit/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AverageMethod,
  type ClusterMatching,
  estimateSilhouette,
  icl,
  matchClusters,
  normalizedMutualInformation,
  type SilhouetteEstimateOptions,
  silhouetteScore,
} from './index.js';

describe('public types of @mixkit/metrics', () => {
  it('average methods are a closed union', () => {
    expectTypeOf<AverageMethod>().toEqualTypeOf<'min' | 'geometric' | 'arithmetic' | 'max'>();
    // @ts-expect-error: not an average method
    normalizedMutualInformation([0], [0], { average: 'harmonic' });
  });

  it('the sampled estimate requires a sample size; the score does not', () => {
    expectTypeOf<SilhouetteEstimateOptions['sampleSize']>().toEqualTypeOf<number>();
    // @ts-expect-error: sampleSize is required
    estimateSilhouette([[0]], [0], {});
    expectTypeOf(silhouetteScore)
      .parameter(2)
      .toEqualTypeOf<Parameters<typeof silhouetteScore>[2]>();
  });

  it('matchClusters returns a read-only mapping; icl takes a Matrix of responsibilities', () => {
    expectTypeOf(matchClusters).returns.toEqualTypeOf<ClusterMatching>();
    expectTypeOf<ClusterMatching['mapping']>().toEqualTypeOf<ReadonlyMap<number, number>>();
    expectTypeOf(icl).parameter(3).toEqualTypeOf<Matrix>();
  });
});
