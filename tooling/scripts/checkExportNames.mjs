#!/usr/bin/env node
// Run from a library package's folder after its build: imports the built ESM entry and checks
// that every exported class and function kept its name (tsup `keepNames`), so `util.inspect`,
// `error.name` fallbacks and stack traces show `KMeansModel`, not a minifier's `_KMeansModel`.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = pathToFileURL(join(process.cwd(), 'dist', 'index.js')).href;
const exports = await import(entry);
const renamed = Object.entries(exports).filter(
  ([name, value]) => typeof value === 'function' && value.name !== name,
);
if (renamed.length > 0) {
  for (const [name, value] of renamed) {
    console.error(`checkExportNames: export ${name} is named '${value.name}' in dist/index.js`);
  }
  process.exit(1);
}
