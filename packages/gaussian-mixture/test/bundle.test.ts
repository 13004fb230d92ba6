import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = new URL('..', import.meta.url).pathname;

/** Minified browser bundle of one import from this package, resolved from the sources. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    conditions: ['@mixkit/source'],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The kinds of every shipped family that is not Gaussian. */
const otherKinds = [
  'poisson',
  'categorical',
  'multinomial',
  'bernoulli',
  'exponential',
  'gamma',
  'log-normal',
  'product',
];

describe('bundle of GaussianMixture', () => {
  it('contains no other family, and its size is the one the README states (within 15%)', async () => {
    const code = await bundle(
      "export { GaussianMixture, GaussianMixtureModel } from './src/index.ts';",
    );
    for (const kind of otherKinds) expect(code, kind).not.toContain(`'${kind}'`);
    for (const kind of otherKinds) expect(code, kind).not.toContain(`"${kind}"`);
    expect(code).toContain('gaussian-diag');
    const readme = readFileSync(`${packageDir}README.md`, 'utf8');
    const stated = Number(/about (\d+) KB minified/.exec(readme)?.[1]);
    const measured = code.length / 1000;
    expect(Math.abs(measured - stated) / stated, `measured ${measured.toFixed(1)} KB`).toBeLessThan(
      0.15,
    );
  });

  it('the check can fail: a bundle that pulls in the family registry contains other families', async () => {
    const code = await bundle(
      "export { defaultRegistry } from '@mixkit/distributions'; export { GaussianMixture } from './src/index.ts';",
    );
    expect(
      otherKinds.some((kind) => code.includes(`'${kind}'`) || code.includes(`"${kind}"`)),
    ).toBe(true);
  });
});
