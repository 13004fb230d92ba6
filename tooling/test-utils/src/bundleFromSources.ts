import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * (A subpath of its own, `@mixkit/test-utils/bundle`: the main entry stays free of esbuild, so
 * the fixtures it serves can themselves be bundled.)
 *
 * `entry` (a path from the repository root) bundled into one ES module from the TypeScript
 * sources, the mixkit packages it imports resolved through the `@mixkit/source` condition as
 * the tests resolve them: for code that must run outside vitest, such as a worker thread's
 * entry, so that tests run today's code, never a stale dist. Returns the bundle's file URL.
 *
 * `commonJs`: the bundle includes CommonJS dependencies that `require` Node's built-ins (ioredis
 * under BullMQ): esbuild's ES module output has no `require`, so the bundle gets one from
 * `createRequire`.
 */
export function bundleFromSources(
  entry: string,
  name: string,
  options: { readonly commonJs?: boolean } = {},
): URL {
  const dir = join(tmpdir(), `mixkit-bundles-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, name);
  buildSync({
    entryPoints: [join(repositoryRoot, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@mixkit/source'],
    logLevel: 'error',
    ...(options.commonJs
      ? {
          banner: {
            js: "import { createRequire as __mixkitCreateRequire } from 'node:module'; const require = __mixkitCreateRequire(import.meta.url);",
          },
        }
      : {}),
  });
  return pathToFileURL(outfile);
}

/** The worker-thread entry of `@mixkit/workers`, bundled from its sources (see above). */
export function workerEntryFromSources(): URL {
  return bundleFromSources('packages/workers/src/node/nodeWorker.ts', 'nodeWorker.mjs');
}
