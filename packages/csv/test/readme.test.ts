import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-csv-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README', () => {
  it('the example runs as written and prints the matrix and the located error', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const match = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    // The scratch file lives outside the workspace, so point the package import at the sources.
    const source = (match?.[1] ?? '').replace(
      "'@mixkit/csv'",
      `'${join(packageDir, 'src/index.ts')}'`,
    );
    const file = join(scratch, 'example.ts');
    writeFileSync(file, source);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ file);
    const calls = log.mock.calls;
    log.mockRestore();
    expect(calls).toEqual([
      [['length', 'width', 'kind'], 2, 2, [5.1, 3.5, 4.9, 3]],
      ['bad.csv, row 2 (line 3), column "y" (#2): "n/a" is not a number'],
    ]);
  });
});
