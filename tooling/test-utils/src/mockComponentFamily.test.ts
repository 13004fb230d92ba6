import { createMatrix, DegenerateComponentError } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { MockComponentFamily } from './mockComponentFamily.js';
import { pooledVarianceGaussianFamily } from './pooledVarianceGaussianFamily.js';
import { unitGaussianFamily } from './unitGaussianFamily.js';

const X = createMatrix(3, 2, Float64Array.from([0, 0, 2, 4, 4, 8]));

describe('MockComponentFamily', () => {
  it('records each call with its row range, offset and stride', () => {
    const family = new MockComponentFamily();
    const stats = family.createStats(2);
    family.accumulate(stats, X, 0, 3, Float64Array.from([9, 1, 9, 1, 9, 1]), 1, 2);
    const params = family.estimate(stats);
    family.logDensity(params, X, 1, 3, new Float64Array(4), 0, 2);
    expect(family.calls).toEqual([
      { member: 'createStats', stats: 0 },
      { member: 'accumulate', stats: 0, start: 0, end: 3, offset: 1, stride: 2 },
      { member: 'estimate', stats: 0, params: 1 },
      { member: 'logDensity', params: 1, start: 1, end: 3, offset: 0, stride: 2 },
    ]);
  });

  it('computes what the inner family computes', () => {
    const family = new MockComponentFamily();
    const stats = family.accumulate(
      family.createStats(2),
      X,
      0,
      3,
      new Float64Array([1, 1, 2]),
      0,
      1,
    );
    const params = family.estimate(stats);
    expect(Array.from(unitGaussianFamily.estimate(family.unwrap(stats) as never).mean)).toEqual(
      Array.from((family.unwrap(params) as { mean: Float64Array }).mean),
    );
    // weighted mean of (0,0), (2,4), 2 x (4,8) with weights 1, 1, 2
    expect(Array.from((family.unwrap(params) as { mean: Float64Array }).mean)).toEqual([2.5, 5]);
  });

  it('throws and records when anything looks inside a handle', () => {
    const family = new MockComponentFamily();
    const stats = family.createStats(2) as unknown as Record<string, unknown>;
    expect(() => stats.weight).toThrow(/looked inside/);
    expect(() => Object.keys(stats)).toThrow(/looked inside/);
    expect(() => JSON.stringify(stats)).toThrow(/looked inside/);
    expect(family.internalAccesses).toEqual(['get weight', 'ownKeys', 'get toJSON']);
  });

  it('rejects values it did not create', () => {
    const family = new MockComponentFamily();
    const other = new MockComponentFamily();
    expect(() => family.estimate(other.createStats(2))).toThrow(/did not create/);
  });

  it('injects degenerate estimates on request', () => {
    const family = new MockComponentFamily({
      failEstimate: (call) => (call === 1 ? 'singular' : undefined),
    });
    const stats = family.accumulate(
      family.createStats(2),
      X,
      0,
      3,
      new Float64Array([1, 1, 1]),
      0,
      1,
    );
    family.estimate(stats);
    expect(() => family.estimate(stats)).toThrow(DegenerateComponentError);
    expect(family.callsTo('estimate')).toHaveLength(2);
  });

  it('exposes estimateAll and nSharedParameters only when the inner family has them', () => {
    expect(new MockComponentFamily().estimateAll).toBeUndefined();
    const pooled = new MockComponentFamily({ inner: pooledVarianceGaussianFamily() });
    const a = pooled.accumulate(pooled.createStats(2), X, 0, 2, new Float64Array([1, 1]), 0, 1);
    const b = pooled.accumulate(pooled.createStats(2), X, 1, 3, new Float64Array([1, 1]), 0, 1);
    const [pa, pb] = pooled.estimateAll!([a, b]);
    expect(pooled.nSharedParameters!(pa!)).toBe(1);
    const variances = [pa, pb].map((p) => (pooled.unwrap(p!) as { variance: number }).variance);
    // within scatter: 2 * |(1,2)|^2 = 10 for each pair; pooled over weight 4 and d = 2
    expect(variances[0]).toBeCloseTo(20 / (4 * 2) + 1e-6, 12);
    expect(variances[1]).toBe(variances[0]);
  });
});
