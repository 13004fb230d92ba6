import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());
const blocks = readme.blocks;
const run = (index: number) => readme.run(index);
const shownOutput = (index: number) => readme.shownOutput(index);

describe('README', () => {
  it('has the examples this test runs', () => {
    expect(blocks).toHaveLength(7);
  });

  it('the example runs as written: converged, ARI > 0.9, bit-identical JSON round trip', async () => {
    const calls = await run(0);
    expect(calls).toHaveLength(3);
    const [converged, ari] = calls[0] as [boolean, number];
    expect(converged).toBe(true);
    expect(ari).toBeGreaterThan(0.9);
    expect(calls[2]).toEqual([true]);
  });

  it('classification EM: the trace and ARI shown are what it prints', async () => {
    const calls = await run(1);
    const shown = shownOutput(1).trim().split('\n');
    expect(calls.map((call) => call.join(' '))).toEqual(shown);
    const trace = (calls[0][0] as string).split(' ').map(Number);
    trace.slice(1).forEach((value, i) => {
      expect(value).toBeGreaterThanOrEqual(trace[i]);
    });
  });

  it('async fits: the same bits as fitMixture, and an abort rejects with AbortedError', async () => {
    const calls = await run(2);
    expect(calls.map((call) => call.join(' '))).toEqual(shownOutput(2).trim().split('\n'));
  });

  it('out-of-core EM: progress per iteration, same iterations and score as in memory', async () => {
    const calls = await run(3);
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.slice(-2)).toEqual([[true], [true]]);
    calls.slice(0, -2).forEach((call, i) => {
      expect(call[0]).toBe(i + 1);
    });
  });

  it('online EM: the batch count, step size and scores shown are what it prints', async () => {
    const calls = await run(4);
    expect(calls.map((call) => call.join(' '))).toEqual(shownOutput(4).trim().split('\n'));
    expect(Number(calls[0][1])).toBeCloseTo((149 + 2) ** -0.7, 4);
  });

  it('model selection: the Faithful table shown is what it prints, tied k = 3 picked', async () => {
    const calls = await run(5);
    expect(calls[0][0]).toBe(shownOutput(5).trimEnd());
    expect(calls[1][0]).toBe('tied');
    expect(Array.from(calls[1][1] as Float64Array)).toHaveLength(3);
  });

  it('model selection across families: the Poisson-vs-Gaussian table shown is what it prints', async () => {
    const calls = await run(6);
    expect(calls[0][0]).toBe(shownOutput(6).trimEnd());
    expect(calls[0][0]).toMatch(/^\*\s+poisson\s+3\s/m);
  });
});
