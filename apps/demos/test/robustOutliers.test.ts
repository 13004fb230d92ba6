import { describe, expect, it } from 'vitest';
import { run } from '../src/robustOutliers.js';

describe('robust-outliers demo', () => {
  const result = run();

  it('outliers wreck the Gaussian mixture and the t mixture holds (ARI)', () => {
    expect(result.gaussian.ari).toBeLessThan(0.6);
    expect(result.studentT.ari).toBeGreaterThan(0.75);
    expect(result.studentT.ari - result.gaussian.ari).toBeGreaterThan(0.25);
    // On the rows that are not outliers the t mixture is close to perfect.
    expect(result.studentT.inlierAri).toBeGreaterThan(0.9);
    expect(result.gaussian.inlierAri).toBeLessThan(0.7);
  });

  it('learns heavy tails: finite ν for every component', () => {
    expect(result.studentT.dof).toHaveLength(3);
    for (const dof of result.studentT.dof) {
      expect(dof).toBeGreaterThan(0.5);
      expect(dof).toBeLessThan(20);
    }
  });

  it('prints a screenful with both ARIs', () => {
    expect(result.report).toContain(result.studentT.ari.toPrecision(3).replace(/\.?0+$/, ''));
    expect(result.report.split('\n').length).toBeLessThanOrEqual(30);
    for (const line of result.report.split('\n')) expect(line.length).toBeLessThanOrEqual(110);
    expect(result.outliers).toBeGreaterThan(60);
  });
});
