import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-csv-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

/** Runs README example `index` as written (imports pointed at the sources); its console.log calls. */
async function run(index: number): Promise<unknown[][]> {
  // The scratch file lives outside the workspace, so point the package import at the sources.
  const source = (blocks[index] ?? '').replace(
    "'@mixkit/csv'",
    `'${join(packageDir, 'src/index.ts')}'`,
  );
  const file = join(scratch, `example${index}.ts`);
  writeFileSync(file, source);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(/* @vite-ignore */ file);
  const calls = log.mock.calls;
  log.mockRestore();
  return calls;
}

describe('README', () => {
  it('has two examples', () => {
    expect(blocks).toHaveLength(2);
  });

  it('the first example runs as written and prints the matrix and the located error', async () => {
    expect(await run(0)).toEqual([
      [['length', 'width', 'kind'], 2, 2, [5.1, 3.5, 4.9, 3]],
      ['bad.csv, row 2 (line 3), column "y" (#2): "n/a" is not a number'],
    ]);
  });

  it('the streaming example prints the inferred types and the encoded matrix', async () => {
    expect(await run(1)).toEqual([
      ['x', 'unclear', 0],
      ['y', 'numeric', 1],
      ['kind', 'levels', 0],
      [[1.5, 2, 2.5, Number.NaN, 0.5, 4]],
    ]);
  });
});
