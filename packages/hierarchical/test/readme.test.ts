import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written and gives the merges and clusters it describes', async () => {
    const calls = await readme.run(0);
    expect(calls).toHaveLength(5);
    expect(Array.from(calls[0]?.[0] as Float64Array)).toEqual([0, 1, 1, 2]);
    expect(Array.from(calls[1]?.[0] as Int32Array)).toEqual([0, 0, 1, 1, 2]);
    expect(calls[1]?.[1]).toBe(3);
    expect(calls[2]).toEqual([true]);
    expect(Array.from(calls[3]?.[0] as Int32Array)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(calls[4]?.[0] as Int32Array)).toEqual([0, 2]);
  });
});
