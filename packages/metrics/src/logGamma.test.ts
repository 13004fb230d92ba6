import { describe, expect, it } from 'vitest';
import { logGammaValues } from './__fixtures__/fixtures.js';
import { logFactorials, logGamma } from './logGamma.js';

describe('logGamma', () => {
  it.each(logGammaValues)(
    'matches scipy.special.gammaln at %d to 1e-14 relative',
    (x, expected) => {
      const value = logGamma(x);
      expect(Math.abs(value - expected)).toBeLessThanOrEqual(
        1e-14 * Math.max(1, Math.abs(expected)),
      );
    },
  );

  it('is NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(Number.NaN)).toBeNaN();
  });

  it('logFactorials(n)[k] equals logGamma(k + 1) and is exact at the small end', () => {
    const table = logFactorials(40);
    expect(table[0]).toBe(0);
    expect(table[1]).toBe(0);
    expect(table[5]).toBe(Math.log(120));
    for (let k = 0; k <= 40; k++) {
      expect(table[k]).toBeCloseTo(logGamma(k + 1), 12);
    }
  });
});
