import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-neighbors-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written and finds the neighbours it describes', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    const source = (match?.[1] ?? '').replace(
      "'@mixkit/neighbors'",
      `'${join(packageDir, 'src/index.ts')}'`,
    );
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
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
