import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written and finds the neighbours it describes', async () => {
    const calls = await readme.run(0);
    expect(calls).toHaveLength(4);
    expect(calls[0]?.[0]).toBe('kd-tree');
    const [indices, distances] = calls[1] as [Int32Array, Float64Array];
    expect(Array.from(indices)).toEqual([1, 2]);
    expect(Array.from(distances)).toEqual([1, 1]);
    const [offsets, near] = calls[2] as [Int32Array, Int32Array];
    expect(Array.from(offsets)).toEqual([0, 3, 5]);
    expect(Array.from(near.subarray(3))).toEqual([3, 4]);
    expect(Array.from(calls[3]?.[0] as Float64Array)).toEqual([2]);
  });
});
