import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * A test entry bundled from the TypeScript sources (siblings resolved through the
 * `@mixkit/source` condition, as the tests resolve them), so worker and coordinator processes
 * run today's code, never a stale dist. Dependencies stay external (node_modules).
 */
export function bundle(entry: string): string {
  const dir = `${here}../node_modules/.cache/distributed-test`;
  const out = `${dir}/${entry.replace(/\W+/g, '_')}.mjs`;
  mkdirSync(dir, { recursive: true });
  buildSync({
    entryPoints: [`${here}${entry}`],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['@mixkit/source'],
    external: ['bullmq', 'ioredis', 'msgpackr', 'csv-parse', 'hyparquet'],
    logLevel: 'error',
  });
  return out;
}
