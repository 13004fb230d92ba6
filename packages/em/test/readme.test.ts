import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-em-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written: converged, ARI > 0.9, bit-identical JSON round trip', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    // The scratch file lives outside the workspace, so point the package imports at the sources.
    let source = match?.[1] ?? '';
    for (const name of ['core', 'em', 'datasets', 'distributions', 'metrics']) {
      source = source.replace(
        `'@mixkit/${name}'`,
        `'${join(packageDir, `../${name}/src/index.ts`)}'`,
      );
    }
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    expect(calls).toHaveLength(4);
    const [converged, ari] = calls[0] as [boolean, number];
    expect(converged).toBe(true);
    expect(ari).toBeGreaterThan(0.9);
    expect(calls[2]).toEqual([true]);
    expect(calls[3]![2]).toBe(true);
  });
});
