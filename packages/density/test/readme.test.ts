import { NOISE } from '@mixkit/core';
import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written: two clusters, the scattered rows are noise', async () => {
    const calls = await readme.run(0);
    expect(calls).toHaveLength(6);
    expect(calls[0]?.slice(0, 2)).toEqual([2, NOISE]);
    expect(calls[0]?.[2]).toBeGreaterThan(100);
    expect(calls[1]).toEqual([true]);
    expect(calls[2]).toEqual([123, 2]);
    expect(calls[3]?.slice(0, 2)).toEqual([2, NOISE]);
    expect(calls[3]?.[2]).toBeGreaterThan(0.5);
    const predicted = calls[4]?.[0] as Int32Array;
    expect(predicted[0]).toBeGreaterThanOrEqual(0);
    expect(predicted[1]).toBe(NOISE);
    expect(calls[5]).toEqual([true]);
  });
});
