import type { Matrix } from '@mixkit/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type MixedColumn,
  type MixedColumnParameters,
  type MixedColumnType,
  makeBlobs,
  makeMixedTypes,
  type SyntheticDataset,
} from './index.js';

describe('public types of @mixkit/datasets', () => {
  it('generators return the data, labels and typed true parameters', () => {
    const blobs = makeBlobs();
    expectTypeOf(blobs.X).toEqualTypeOf<Matrix>();
    expectTypeOf(blobs.labels).toEqualTypeOf<Int32Array>();
    expectTypeOf(blobs.parameters.centers).toEqualTypeOf<Matrix>();
    expectTypeOf(makeMixedTypes()).toExtend<SyntheticDataset<unknown>>();
  });

  it('mixed column parameters narrow on their type', () => {
    const column = {} as MixedColumnParameters;
    if (column.type === 'categorical') {
      expectTypeOf(column.probabilities).toEqualTypeOf<Matrix>();
      expectTypeOf(column.levels).toEqualTypeOf<number>();
    }
    if (column.type === 'poisson') expectTypeOf(column.rates).toEqualTypeOf<Float64Array>();
    expectTypeOf<MixedColumnParameters['type']>().toEqualTypeOf<MixedColumnType>();
  });

  it('a categorical column spec needs its number of levels', () => {
    // @ts-expect-error: levels is required for categorical columns
    const spec: MixedColumn = { type: 'categorical' };
    expectTypeOf(spec).toEqualTypeOf<MixedColumn>();
  });
});
