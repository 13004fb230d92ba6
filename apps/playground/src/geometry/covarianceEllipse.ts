/**
 * The outline of a 2-D Gaussian's level set {p : (p - m)^T S^-1 (p - m) = r^2}, as a polygon
 * for a plot's line mark. The axes come from the closed-form eigen-decomposition of the
 * symmetric 2 x 2 covariance S = [[sxx, sxy], [sxy, syy]]:
 * lambda = (sxx + syy)/2 +- sqrt(((sxx - syy)/2)^2 + sxy^2), major-axis angle
 * theta = atan2(2 sxy, sxx - syy) / 2.
 */
export interface Ellipse {
  readonly centerX: number;
  readonly centerY: number;
  /** Semi-axis lengths, major first (r * sqrt(lambda)). */
  readonly major: number;
  readonly minor: number;
  /** Angle of the major axis from the x axis, radians in (-pi/2, pi/2]. */
  readonly angle: number;
  /** `segments + 1` points; the last repeats the first so the outline closes. */
  readonly points: readonly (readonly [number, number])[];
}

/** A 2 x 2 covariance as its three distinct entries. */
export interface Covariance2 {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

/**
 * The ellipse at Mahalanobis radius `radius` (1 = one standard deviation along each axis), or
 * `undefined` when the covariance is not a finite positive semi-definite matrix (nothing sensible
 * to draw). A singular covariance gives a flat ellipse (minor = 0), which is still drawn.
 */
export function covarianceEllipse(
  centerX: number,
  centerY: number,
  covariance: Covariance2,
  radius = 1,
  segments = 64,
): Ellipse | undefined {
  const { xx, xy, yy } = covariance;
  if (![centerX, centerY, xx, xy, yy, radius].every(Number.isFinite)) return undefined;
  const half = (xx + yy) / 2;
  const spread = Math.hypot((xx - yy) / 2, xy);
  const large = half + spread;
  // Rounding can push the small eigenvalue of a singular matrix a hair below 0.
  const small = half - spread;
  const tolerance = 1e-12 * Math.max(Math.abs(large), Number.MIN_VALUE);
  if (large < 0 || small < -tolerance) return undefined;
  const major = radius * Math.sqrt(large);
  const minor = radius * Math.sqrt(Math.max(0, small));
  const angle = xy === 0 && xx >= yy ? 0 : Math.atan2(2 * xy, xx - yy) / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const points: (readonly [number, number])[] = [];
  for (let s = 0; s <= segments; s++) {
    const t = (2 * Math.PI * (s % segments)) / segments;
    const u = major * Math.cos(t);
    const v = minor * Math.sin(t);
    points.push([centerX + cos * u - sin * v, centerY + sin * u + cos * v]);
  }
  return { centerX, centerY, major, minor, angle, points };
}

/**
 * The Mahalanobis radius whose ellipse holds probability `mass` of a 2-D Gaussian: the
 * chi-square(2) quantile is -2 ln(1 - mass), so r = sqrt(-2 ln(1 - mass)).
 */
export function ellipseRadiusForMass(mass: number): number {
  if (!(mass > 0 && mass < 1))
    throw new RangeError(`ellipseRadiusForMass: mass ${mass} not in (0, 1)`);
  return Math.sqrt(-2 * Math.log1p(-mass));
}
