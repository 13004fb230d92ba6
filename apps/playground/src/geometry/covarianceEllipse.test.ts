import { describe, expect, it } from 'vitest';
import { covarianceEllipse, ellipseRadiusForMass } from './covarianceEllipse.js';

/** (p - m)^T S^-1 (p - m) for a 2 x 2 covariance, by the explicit inverse. */
function mahalanobis2(
  p: readonly [number, number],
  mx: number,
  my: number,
  xx: number,
  xy: number,
  yy: number,
) {
  const det = xx * yy - xy * xy;
  const dx = p[0] - mx;
  const dy = p[1] - my;
  return (yy * dx * dx - 2 * xy * dx * dy + xx * dy * dy) / det;
}

describe('covarianceEllipse', () => {
  it('is a circle of radius r for the identity covariance', () => {
    const ellipse = covarianceEllipse(1, -2, { xx: 1, xy: 0, yy: 1 }, 2, 8);
    expect(ellipse?.major).toBe(2);
    expect(ellipse?.minor).toBe(2);
    for (const [x, y] of ellipse?.points ?? []) expect(Math.hypot(x - 1, y + 2)).toBeCloseTo(2, 12);
  });

  it('is axis-aligned with semi-axes r*sqrt(variance) for a diagonal covariance', () => {
    const wide = covarianceEllipse(0, 0, { xx: 9, xy: 0, yy: 4 }, 1);
    expect([wide?.major, wide?.minor, wide?.angle]).toEqual([3, 2, 0]);
    const tall = covarianceEllipse(0, 0, { xx: 4, xy: 0, yy: 9 }, 1);
    expect(tall?.major).toBe(3);
    expect(tall?.angle).toBeCloseTo(Math.PI / 2, 15);
  });

  it('recovers the axes and angle of a covariance built as R diag(l1, l2) R^T', () => {
    const theta = 0.6;
    const [l1, l2] = [5, 0.5];
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const cov = { xx: l1 * c * c + l2 * s * s, xy: (l1 - l2) * c * s, yy: l1 * s * s + l2 * c * c };
    const ellipse = covarianceEllipse(3, 4, cov, 1.5);
    expect(ellipse?.angle).toBeCloseTo(theta, 12);
    expect(ellipse?.major).toBeCloseTo(1.5 * Math.sqrt(l1), 12);
    expect(ellipse?.minor).toBeCloseTo(1.5 * Math.sqrt(l2), 12);
  });

  it('puts every outline point at Mahalanobis distance r, and closes the outline', () => {
    const cov = { xx: 2, xy: -1.2, yy: 1 };
    const ellipse = covarianceEllipse(-1, 0.5, cov, 2, 50);
    const points = ellipse?.points ?? [];
    expect(points).toHaveLength(51);
    expect(points[50]).toEqual(points[0]);
    for (const p of points)
      expect(mahalanobis2(p, -1, 0.5, cov.xx, cov.xy, cov.yy)).toBeCloseTo(4, 10);
  });

  it('draws a singular covariance as a flat ellipse along its one direction', () => {
    const ellipse = covarianceEllipse(0, 0, { xx: 1, xy: 1, yy: 1 }, 1);
    expect(ellipse?.minor).toBe(0);
    expect(ellipse?.major).toBeCloseTo(Math.SQRT2, 14);
    expect(ellipse?.angle).toBeCloseTo(Math.PI / 4, 14);
  });

  it('returns undefined for an indefinite or non-finite covariance', () => {
    expect(covarianceEllipse(0, 0, { xx: 1, xy: 2, yy: 1 })).toBeUndefined();
    expect(covarianceEllipse(0, 0, { xx: -1, xy: 0, yy: -1 })).toBeUndefined();
    expect(covarianceEllipse(0, 0, { xx: Number.NaN, xy: 0, yy: 1 })).toBeUndefined();
    expect(covarianceEllipse(Number.POSITIVE_INFINITY, 0, { xx: 1, xy: 0, yy: 1 })).toBeUndefined();
  });
});

describe('ellipseRadiusForMass', () => {
  it('inverts the chi-square(2) CDF 1 - exp(-r^2/2)', () => {
    for (const mass of [0.1, 0.5, 0.95, 0.999]) {
      const r = ellipseRadiusForMass(mass);
      expect(1 - Math.exp((-r * r) / 2)).toBeCloseTo(mass, 14);
    }
    expect(ellipseRadiusForMass(1 - Math.exp(-0.5))).toBeCloseTo(1, 14);
  });

  it('rejects masses outside (0, 1)', () => {
    expect(() => ellipseRadiusForMass(1)).toThrow(RangeError);
    expect(() => ellipseRadiusForMass(0)).toThrow(RangeError);
  });
});
