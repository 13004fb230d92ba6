import { describe, expect, it } from 'vitest';
import reference from '../__fixtures__/log-gamma-ratio.json' with { type: 'json' };
import { logGamma } from './logGamma.js';
import { logGammaRatio } from './logGammaRatio.js';

describe('logGammaRatio against mpmath at 60 digits', () => {
  it('matches log Γ(x + h) − log Γ(x) to 1e-14 for x up to 5e7, where the difference of logGamma does not', () => {
    let worstRatio = 0;
    let worstDifference = 0;
    for (const { x, h, value } of reference.points) {
      const scale = Math.max(1, Math.abs(value));
      worstRatio = Math.max(worstRatio, Math.abs(logGammaRatio(x, h) - value) / scale);
      worstDifference = Math.max(
        worstDifference,
        Math.abs(logGamma(x + h) - logGamma(x) - value) / scale,
      );
    }
    expect(reference.points.length).toBe(80);
    expect(worstRatio).toBeLessThan(1e-14);
    // The naive difference loses digits at large x (that is why logGammaRatio exists).
    expect(worstDifference).toBeGreaterThan(1e-10);
  });

  it('is exact on the recurrence: log Γ(x + 1) − log Γ(x) = log x, and 0 at h = 0', () => {
    expect(logGammaRatio(7.25, 1)).toBe(Math.log(7.25));
    expect(logGammaRatio(3, 0)).toBe(0);
    expect(logGammaRatio(0, 1)).toBeNaN();
    expect(logGammaRatio(1, 0.3)).toBeCloseTo(logGamma(1.3), 14);
  });
});
