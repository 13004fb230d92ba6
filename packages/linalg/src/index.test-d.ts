import type { Matrix } from '@mixkit/core';
import type { AbstractMatrix } from 'ml-matrix';
import { describe, expectTypeOf, it } from 'vitest';
import {
  argmaxRows,
  type CholeskyResult,
  cholesky,
  combineMoments,
  fromMlMatrix,
  logSumExpRows,
  multiply,
  type ScatterMode,
  squaredDistances,
  squaredMahalanobis,
  symmetricEigen,
  toMlMatrix,
  weightedMeanScatter,
} from './index.js';

describe('public types', () => {
  it('CholeskyResult narrows on ok', () => {
    const result = cholesky(1, new Float64Array(1));
    expectTypeOf(result).toEqualTypeOf<CholeskyResult>();
    if (result.ok) {
      expectTypeOf(result.factor).toEqualTypeOf<Float64Array>();
      // @ts-expect-error no column on success
      void result.column;
    } else {
      expectTypeOf(result.column).toEqualTypeOf<number>();
      expectTypeOf(result.pivot).toEqualTypeOf<number>();
    }
  });

  it('kernels take and return the documented buffer types', () => {
    expectTypeOf(squaredDistances).parameters.toEqualTypeOf<
      [Matrix, number, number, Matrix, Float64Array?, Float64Array?, Float64Array?]
    >();
    expectTypeOf(squaredMahalanobis).returns.toEqualTypeOf<Float64Array>();
    expectTypeOf(argmaxRows).returns.toEqualTypeOf<Int32Array>();
    expectTypeOf(logSumExpRows).returns.toEqualTypeOf<Float64Array>();
    expectTypeOf(multiply).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(weightedMeanScatter).returns.toEqualTypeOf<number>();
    expectTypeOf(combineMoments).returns.toEqualTypeOf<number>();
    expectTypeOf(symmetricEigen).returns.toEqualTypeOf<{
      readonly values: Float64Array;
      readonly vectors: Float64Array;
    }>();
  });

  it('scatter mode is a closed union', () => {
    expectTypeOf<ScatterMode>().toEqualTypeOf<'full' | 'diagonal'>();
    // @ts-expect-error 'tied' is not a mode
    const mode: ScatterMode = 'tied';
    void mode;
  });

  it('ml-matrix interop types', () => {
    expectTypeOf(toMlMatrix).returns.toEqualTypeOf<AbstractMatrix>();
    expectTypeOf(fromMlMatrix).returns.toEqualTypeOf<Matrix>();
  });
});
