import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-kmeans-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written and separates the three groups', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    // The scratch file lives outside the workspace, so point the package import at the sources.
    const source = (match?.[1] ?? '').replace(
      "'@mixkit/kmeans'",
      `'${join(packageDir, 'src/index.ts')}'`,
    );
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    expect(calls).toHaveLength(3);
    const [labels, inertia, converged, warnings] = calls[0] as [
      Int32Array,
      number,
      boolean,
      unknown[],
    ];
    expect(labels[0]).toBe(labels[1]);
    expect(labels[3]).toBe(labels[4]);
    expect(labels[6]).toBe(labels[8]);
    expect(new Set([labels[0], labels[3], labels[6]]).size).toBe(3);
    expect(inertia).toBeLessThan(1);
    expect(converged).toBe(true);
    expect(warnings).toEqual([]);
    const [predicted] = calls[1] as [Int32Array];
    expect(Array.from(predicted)).toEqual([labels[0], labels[6]]);
    const [medoidIndices, , k] = calls[2] as [Int32Array, number, number];
    expect(medoidIndices).toHaveLength(3);
    expect(k).toBe(3);
  });

  it('the spherical k-means example runs and separates the two directions', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Spherical k-means'));
    const match = /```ts\n([\s\S]*?)```/.exec(section);
    expect(match).not.toBeNull();
    const source = (match?.[1] ?? '').replace(
      "'@mixkit/kmeans'",
      `'${join(packageDir, 'src/index.ts')}'`,
    );
    const file = join(scratch, 'spherical.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    const [labels, cohesion, converged] = calls[0] as [Int32Array, number, boolean];
    expect(Array.from(labels.subarray(0, 3))).toEqual([labels[0], labels[0], labels[0]]);
    expect(Array.from(labels.subarray(3))).toEqual([labels[3], labels[3], labels[3]]);
    expect(labels[0]).not.toBe(labels[3]);
    expect(cohesion).toBeGreaterThan(5.8);
    expect(converged).toBe(true);
    expect((calls[1] as [Int32Array])[0][0]).toBe(labels[0]);
    expect((calls[2] as [Int32Array])[0][0]).toBe(labels[3]);
  });
});
