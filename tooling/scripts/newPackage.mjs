#!/usr/bin/env node
// Scaffolds a library package under packages/<name> with the workspace's conventions:
// ESM + CJS + .d.ts via tsup, an exports map with the `@mixkit/source` condition for tests,
// vitest config shared from the root, and tsconfig layering. Usage:
//   node tooling/scripts/newPackage.mjs <name> "<description>" [dep ...]
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishingFields, referenceUrl } from './packageMetadata.mjs';

const [name, description = '', ...deps] = process.argv.slice(2);
if (!name) {
  console.error('usage: newPackage.mjs <name> "<description>" [@mixkit/dep ...]');
  process.exit(2);
}
const root = new URL('../..', import.meta.url).pathname;
const dir = join(root, 'packages', name);
if (existsSync(join(dir, 'package.json'))) {
  console.error(`packages/${name} exists already`);
  process.exit(1);
}
mkdirSync(join(dir, 'src'), { recursive: true });

const entry = (file) => ({
  '@mixkit/source': `./src/${file}.ts`,
  import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
  require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
});
const manifest = {
  name: `@mixkit/${name}`,
  version: '0.0.0',
  description,
  // license, repository, homepage (its page in the API reference), bugs: checked by checkPack.
  ...publishingFields(`@mixkit/${name}`, `packages/${name}`),
  // checkPack fails until this lists the words a user would search for.
  keywords: [],
  engines: { node: '>=18' },
  type: 'module',
  sideEffects: false,
  exports: { './package.json': './package.json', '.': entry('index') },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts', '!src/**/__fixtures__'],
  scripts: {
    build: 'tsup',
    test: 'vitest run',
    typecheck: 'tsc -p tsconfig.json',
    checkpack: 'node ../../tooling/scripts/checkPack.mjs',
  },
  // Caret ranges for runtime dependencies (pnpm publishes workspace:^ as ^<version>).
  dependencies: Object.fromEntries(deps.map((d) => [d, 'workspace:^'])),
  devDependencies: {},
};
const write = (file, text) => writeFileSync(join(dir, file), text);
write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
write(
  'tsconfig.json',
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', '*.ts'] }, null, 2)}\n`,
);
write(
  'tsconfig.build.json',
  `${JSON.stringify({ extends: './tsconfig.json', include: ['src'], exclude: ['src/**/*.test.ts', 'src/**/*.test-d.ts'] }, null, 2)}\n`,
);
write(
  'tsup.config.ts',
  `import { libraryConfig } from '../../tsup.shared.ts';

export default libraryConfig(['src/index.ts']);
`,
);
write('vitest.config.ts', `export { default } from '../../vitest.shared.ts';\n`);
write('src/index.ts', '');
copyFileSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
write(
  'README.md',
  `# @mixkit/${name}\n\n${description}\n\n[API reference](${referenceUrl(`@mixkit/${name}`)})\n`,
);
console.log(`created packages/${name}`);
