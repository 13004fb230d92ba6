#!/usr/bin/env node
// Packaging check for one published package (run from its folder, after its build): packs it
// exactly as `pnpm publish` would (workspace:^ rewritten) and checks the tarball:
// - `publint --strict`, and `@arethetypeswrong/cli` on every subpath of the exports map under
//   every resolution (node10 too: a subpath export needs a `typesVersions` entry, as
//   @mixkit/distributions/testing has), so a broken exports map, a missing file or types that
//   resolve wrongly fail the test command (a bin-only package such as the CLI has no types);
// - the publishing fields (tooling/scripts/packageMetadata.mjs): the root LICENSE inside the
//   tarball, MIT, repository with the package's folder, homepage, bugs, keywords;
// - caret ranges for every runtime dependency, so two packages that need the same dependency
//   can share one install.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { publishingFields } from './packageMetadata.mjs';

const cwd = process.cwd();
const root = new URL('../..', import.meta.url).pathname;
const out = join(cwd, '.pack');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);

function run(command, args) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    console.error(`checkPack: ${command} ${args.join(' ')} failed in ${cwd}`);
    process.exit(result.status ?? 1);
  }
}

function read(command, args) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) {
    console.error(`checkPack: ${command} ${args.join(' ')} failed: ${result.stderr}`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

run('pnpm', ['pack', '--pack-destination', out]);
const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
if (!tarball) {
  console.error('checkPack: pnpm pack wrote no tarball');
  process.exit(1);
}
const path = join(out, tarball);
run('publint', ['run', path, '--strict']);

const manifest = JSON.parse(read('tar', ['-xzOf', path, 'package/package.json']));
const problems = [];
const files = read('tar', ['-tzf', path]).split('\n');
if (!files.includes('package/LICENSE')) problems.push('the tarball has no LICENSE');
else if (
  read('tar', ['-xzOf', path, 'package/LICENSE']) !== readFileSync(join(root, 'LICENSE'), 'utf8')
)
  problems.push("the tarball's LICENSE differs from the repository's");
const expected = publishingFields(manifest.name, relative(root, cwd));
for (const [field, value] of Object.entries(expected)) {
  if (JSON.stringify(manifest[field]) !== JSON.stringify(value))
    problems.push(
      `"${field}" is ${JSON.stringify(manifest[field])}, expected ${JSON.stringify(value)}`,
    );
}
if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0)
  problems.push('"keywords" is empty: add the words a user would search for');
for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
  if (!/^\^\d/.test(range)) problems.push(`dependency ${dependency}@${range} is not a caret range`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`checkPack: ${manifest.name}: ${problem}`);
  process.exit(1);
}

if (manifest.exports !== undefined) {
  run('attw', [path, '--format', 'table-flipped', '--no-emoji']);
  // A library's built entry keeps its exports' names (a bin-only package has no entry to load).
  run(process.execPath, [new URL('./checkExportNames.mjs', import.meta.url).pathname]);
}
rmSync(out, { recursive: true, force: true });
