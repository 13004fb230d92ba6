import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NOISE } from '@mixkit/core';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-density-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written: two clusters, the scattered rows are noise', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    const source = (match?.[1] ?? '')
      .replace("'@mixkit/density'", `'${join(packageDir, 'src/index.ts')}'`)
      .replace("'@mixkit/core'", `'${join(packageDir, '../core/src/index.ts')}'`);
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    expect(calls).toHaveLength(5);
    expect(calls[0]?.slice(0, 2)).toEqual([2, NOISE]);
    expect(calls[0]?.[2]).toBeGreaterThan(100);
    expect(calls[1]).toEqual([123, 2]);
    expect(calls[2]?.slice(0, 2)).toEqual([2, NOISE]);
    expect(calls[2]?.[2]).toBeGreaterThan(0.5);
    const predicted = calls[3]?.[0] as Int32Array;
    expect(predicted[0]).toBeGreaterThanOrEqual(0);
    expect(predicted[1]).toBe(NOISE);
    expect(calls[4]).toEqual([true]);
  });
});
