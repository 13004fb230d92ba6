import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, importsOf, packageImports } from './checkLayers.js';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A throwaway tree of workspaces: path → file contents. */
const scratch = mkdtempSync(join(tmpdir(), 'mixkit-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let trees = 0;
function tree(files: Record<string, string>): string {
  const root = join(scratch, `tree${trees++}`);
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  return root;
}
const manifest = (name: string, extra: object = {}) =>
  JSON.stringify({ name: `@mixkit/${name}`, ...extra });
/** A sound miniature of the repository. */
const sound: Record<string, string> = {
  'packages/core/package.json': manifest('core'),
  'packages/core/src/index.ts': 'export const a = 1;\n',
  'packages/linalg/package.json': manifest('linalg'),
  'packages/linalg/src/index.ts': "import { a } from '@mixkit/core';\nexport const b = a;\n",
  'packages/distributions/package.json': manifest('distributions'),
  'packages/distributions/src/index.ts': "export * from '@mixkit/linalg';\n",
  'packages/em/package.json': manifest('em'),
  'packages/em/src/index.ts':
    "import type { a } from '@mixkit/core';\nexport { run } from './run.js';\n",
  'packages/em/src/run.ts': "import { b } from '@mixkit/linalg';\nexport const run = b;\n",
  'packages/em/src/run.test.ts': "import '@mixkit/distributions';\n",
  'packages/facade/package.json': manifest('facade'),
  'packages/facade/src/index.ts': "import '@mixkit/em';\nimport '@mixkit/distributions';\n",
  'packages/server/package.json': manifest('server', { mixkit: { platform: 'node' } }),
  'packages/server/src/index.ts': "import { Worker } from 'node:worker_threads';\n",
  'apps/cli/package.json': manifest('cli'),
  'apps/cli/src/index.ts': "import { readFileSync } from 'node:fs';\nimport '@mixkit/facade';\n",
  'tooling/bench/package.json': manifest('bench'),
  'tooling/bench/src/index.ts': "import '@mixkit/cli';\n",
};
const rulesOf = (files: Record<string, string>) =>
  checkLayers(tree({ ...sound, ...files })).map((v) => v.rule);

describe('checkLayers', () => {
  it('the repository keeps every layer rule', () => {
    const violations = checkLayers(repositoryRoot);
    expect(violations.map((v) => `${v.file}: ${v.message}`)).toEqual([]);
  });

  it('a sound tree passes (tests may import anything; Node-only packages may use Node)', () => {
    expect(checkLayers(tree(sound))).toEqual([]);
  });

  it.each([
    [
      'core',
      { 'packages/core/src/x.ts': "import '@mixkit/linalg';\n" },
      ['core', 'spine', 'cycle'],
    ],
    [
      'spine',
      { 'packages/linalg/src/x.ts': "export * from '@mixkit/distributions';\n" },
      ['cycle', 'spine'],
    ],
    [
      'forbidden',
      { 'packages/em/src/x.ts': "import { y } from '@mixkit/distributions';\n" },
      ['forbidden'],
    ],
    [
      'app-or-tooling',
      { 'packages/facade/src/x.ts': "import '@mixkit/cli';\n" },
      ['app-or-tooling', 'cycle'],
    ],
    [
      'node-builtin',
      { 'packages/em/src/x.ts': "import { readFile } from 'fs';\n" },
      ['node-builtin'],
    ],
    [
      'node: prefix',
      { 'packages/linalg/src/x.ts': "const m = await import('node:os');\n" },
      ['node-builtin'],
    ],
    [
      'module cycle',
      {
        'packages/em/src/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
        'packages/em/src/b.ts': "import type { A } from './a.js';\nexport type B = A;\n",
      },
      ['cycle'],
    ],
    [
      'package cycle',
      {
        'packages/kmeans/package.json': manifest('kmeans'),
        'packages/kmeans/src/index.ts': "import '@mixkit/facade';\n",
        'packages/facade/src/y.ts': "import '@mixkit/kmeans';\n",
      },
      ['cycle'],
    ],
  ] as const)('fails on a planted violation: %s', (_name, files, rules) => {
    expect(rulesOf(files).sort()).toEqual([...rules].sort());
  });

  it('reads imports, export-from and dynamic imports, not imports quoted in comments', () => {
    const source = [
      "import a from 'x';",
      'import type { B } from "y";',
      "export { c } from './c.js';",
      "import 'side-effect';",
      "const d = await import('dyn');",
      "// import z from 'commented';",
      "/** import w from 'doc'; */",
      'const s = \'import q from "string"\';',
    ].join('\n');
    expect(importsOf(source)).toEqual(['x', 'y', './c.js', 'side-effect', 'dyn']);
  });
});

describe('the root README', () => {
  it('draws the real import graph of the packages (the mermaid flowchart, an arrow per import)', () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const chart = /```mermaid\nflowchart BT\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const drawn = [...chart.matchAll(/^\s*([a-z-]+) --> ([a-z-]+)\s*$/gm)]
      .map((m) => `${m[1]} -> ${m[2]}`)
      .sort();
    const real = [...packageImports(repositoryRoot)]
      .flatMap(([from, to]) => [...to].map((target) => `${from} -> ${target}`))
      .sort();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn).toEqual(real);
  });
});
