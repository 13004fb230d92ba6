import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written: a converged diagonal fit, typed shapes, exact JSON round trip', async () => {
    expect(readme.blocks).toHaveLength(1);
    const calls = await readme.run(0);
    expect(calls).toHaveLength(3);
    const [converged, iterations, weights, covariances] = calls[0] as [
      boolean,
      number,
      Float64Array,
      number[][],
    ];
    expect(converged).toBe(true);
    expect(iterations).toBeGreaterThan(1);
    expect(weights[0]! + weights[1]!).toBeCloseTo(1, 12);
    expect(covariances).toHaveLength(2);
    expect(covariances[0]).toHaveLength(2);
    const [labels] = calls[1] as [Int32Array];
    expect(labels[0]).not.toBe(labels[1]);
    expect(calls[2]).toEqual(['diag', true]);
  });
});
