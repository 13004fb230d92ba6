import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GaussianDiagParams } from './diag.js';
import { type CovarianceType, gaussianFamily } from './gaussianFamily.js';

describe('gaussianFamily', () => {
  it.each([
    ['full', 'gaussian-full'],
    ['diag', 'gaussian-diag'],
    ['spherical', 'gaussian-spherical'],
    ['tied', 'gaussian-tied'],
  ] as const)('maps covariance type %s to the %s family', (type, kind) => {
    expect(gaussianFamily(type).kind).toBe(kind);
  });

  it('passes regCovar on to the family (default 1e-6, as scikit-learn)', () => {
    expect(gaussianFamily('diag', { regCovar: 0.5 }).spec().options).toEqual({ regCovar: 0.5 });
    expect(gaussianFamily('full').spec().options).toEqual({ regCovar: 1e-6 });
  });

  it('types the family by its covariance type', () => {
    expectTypeOf(gaussianFamily('diag').estimate).returns.toEqualTypeOf<GaussianDiagParams>();
  });

  it('rejects an unknown covariance type', () => {
    expect(() => gaussianFamily('banded' as CovarianceType)).toThrow(TypeError);
  });
});
