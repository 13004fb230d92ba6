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
  const out = `${here}../node_modules/.cache/workers-test/nodeWorker.mjs`;
  mkdirSync(`${here}../node_modules/.cache/workers-test`, { recursive: true });
  buildSync({
    entryPoints: [`${here}../src/node/nodeWorker.ts`],
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
