import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The worker entry bundled from the TypeScript sources (the packages it imports resolved
 * through the `@mixkit/source` condition, as the tests resolve them), so that worker tests run
 * today's code, never a stale dist. Built once per test process.
 */
export function workerBundleUrl(): URL {
  return bundle('src/node/nodeWorker.ts', 'nodeWorker.mjs');
}

/** The fault tests' module of extra families and tasks, bundled likewise. */
export function customModuleUrl(): URL {
  return bundle('test/fixtures/customModule.ts', 'customModule.mjs');
}

/** A script that fits on a pool it never destroys (the process must still exit). */
export function exitScriptUrl(): URL {
  return bundle('test/fixtures/exitScript.ts', 'exitScript.mjs');
}

function bundle(entry: string, name: string): URL {
  const out = `${here}../node_modules/.cache/workers-test/${name}`;
  mkdirSync(`${here}../node_modules/.cache/workers-test`, { recursive: true });
  buildSync({
    entryPoints: [`${here}../${entry}`],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@mixkit/source'],
    logLevel: 'error',
  });
  return pathToFileURL(out);
}
