#!/usr/bin/env node
// Packaging check for one library package (run from its folder, after its build): packs it
// exactly as `pnpm publish` would (workspace:* rewritten) and lints the tarball with
// `publint --strict` and `@arethetypeswrong/cli`, so a broken exports map, a missing file or
// types that resolve wrongly under node10/node16/bundler fail the test command.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const cwd = process.cwd();
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

run('pnpm', ['pack', '--pack-destination', out]);
const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
if (!tarball) {
  console.error('checkPack: pnpm pack wrote no tarball');
  process.exit(1);
}
const path = join(out, tarball);
run('publint', ['run', path, '--strict']);
run('attw', [path, '--profile', 'node16', '--format', 'table-flipped', '--no-emoji']);
rmSync(out, { recursive: true, force: true });
run(process.execPath, [new URL('./checkExportNames.mjs', import.meta.url).pathname]);
