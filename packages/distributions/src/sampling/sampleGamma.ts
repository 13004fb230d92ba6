import type { RandomSource } from '@mixkit/core';

/**
 * One Gamma(shape, rate = 1) deviate, using only `random.normal()` and `random.uniform()`.
 *
 * G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables",
 * ACM TOMS 26(3), 2000: squeeze-accepted cubes of normals for shape >= 1; for shape < 1 the
 * boost Gamma(a) = Gamma(a + 1) · U^(1/a) from the same paper. Divide by the rate to rescale.
 * The result is always > 0 for shape > 0 (U is drawn from (0, 1], never 0).
 */
export function sampleGamma(shape: number, random: RandomSource): number {
  if (shape < 1) {
    const boosted = sampleGamma(shape + 1, random);
    return boosted * (1 - random.uniform()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
