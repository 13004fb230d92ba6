import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-hierarchical-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written and gives the merges and clusters it describes', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    const source = (match?.[1] ?? '').replace(
      "'@mixkit/hierarchical'",
      `'${join(packageDir, 'src/index.ts')}'`,
    );
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    expect(calls).toHaveLength(4);
    expect(Array.from(calls[0]?.[0] as Float64Array)).toEqual([0, 1, 1, 2]);
    expect(Array.from(calls[1]?.[0] as Int32Array)).toEqual([0, 0, 1, 1, 2]);
    expect(calls[1]?.[1]).toBe(3);
    expect(Array.from(calls[2]?.[0] as Int32Array)).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(calls[3]?.[0] as Int32Array)).toEqual([0, 2]);
  });
});
