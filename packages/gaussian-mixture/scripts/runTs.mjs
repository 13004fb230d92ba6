// Runs a TypeScript script of this package with the workspace's sources (the @mixkit/source
// condition), bundled by esbuild into a temporary file:  node scripts/runTs.mjs scripts/x.ts [args]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'mixkit-script-'));
const outfile = join(dir, 'script.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile,
  conditions: ['@mixkit/source'],
  logLevel: 'warning',
});
process.argv = [process.argv[0], entry, ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
