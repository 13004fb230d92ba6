import { ReadmeExamples } from '@mixkit/test-utils';
import { workerEntryFromSources } from '@mixkit/test-utils/bundle';
import { afterAll, describe, expect, it } from 'vitest';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written: a converged diagonal fit, typed shapes, exact JSON round trip', async () => {
    expect(readme.blocks).toHaveLength(6);
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
    expect(weights[0] + weights[1]).toBeCloseTo(1, 12);
    expect(covariances).toHaveLength(2);
    expect(covariances[0]).toHaveLength(2);
    const [labels] = calls[1] as [Int32Array];
    expect(labels[0]).not.toBe(labels[1]);
    expect(calls[2]).toEqual(['diag', true]);
  });

  it('the mclust example prints what the README shows', async () => {
    const calls = await readme.run(1);
    const printed = calls.map((args) => args.map(String).join(' ')).join('\n');
    expect(`${printed}\n`.replace(/\n+/g, '\n')).toBe(readme.shownOutput(1).replace(/\n+/g, '\n'));
  });

  it('the variational example converges, leaves components unused, prunes them and reads back from JSON', async () => {
    const calls = await readme.run(2);
    const [converged, , unused] = calls[0] as [boolean, string, number[]];
    expect(converged).toBe(true);
    expect(unused.length).toBeGreaterThan(0);
    const [nClusters, weights] = calls[1] as [number, string[]];
    expect(nClusters).toBe(8 - unused.length);
    expect(weights).toHaveLength(nClusters);
    expect(calls[2]).toEqual([true, true]);
  });

  it('the worker-pool example prints what the README shows: the same bits as the fit in the thread', async () => {
    // Run from sources, @mixkit/workers has no built nodeWorker.js beside it: point to a bundle.
    process.env.MIXKIT_WORKER_ENTRY = workerEntryFromSources().href;
    const calls = await readme.run(3);
    expect(calls.map((call) => call.join(' '))).toEqual(readme.shownOutput(3).trim().split('\n'));
  });

  it('the missing-values example fits with NaN cells and labels rows by their observed cells', async () => {
    const calls = await readme.run(4);
    const [converged, missing, means] = calls[0] as [boolean, string, string[]];
    expect(converged).toBe(true);
    expect(missing).toBe('marginalize');
    // Old Faithful's two clusters (k x d, row-major): short eruptions and waits, long ones.
    const rows = [means.slice(0, 2).map(Number), means.slice(2, 4).map(Number)];
    const byWait = rows.sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0));
    expect(byWait[0]?.[0]).toBeLessThan(2.5);
    expect(byWait[1]?.[0]).toBeGreaterThan(4);
    const [labels] = calls[1] as [Int32Array];
    expect(labels).toHaveLength(2);
    expect(labels[0]).not.toBe(labels[1]);
  });

  it('the prepared-data example fits eight models on data placed once, with the bits of fits on X', async () => {
    const calls = await readme.run(5);
    expect(calls).toEqual([[8, true], [true], [true]]);
  });
});
