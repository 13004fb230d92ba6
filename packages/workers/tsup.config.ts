import { defineConfig } from 'tsup';
import { libraryOptions } from '../../tsup.shared.ts';

export default defineConfig([
  // The Node entry and the browser entry; `new URL('./nodeWorker.js', import.meta.url)` in the
  // CommonJS build too (shims).
  libraryOptions(['src/index.ts', 'src/browser.ts'], { shims: true }),
  {
    // The worker threads' entry: an ES module beside index.js (the pool's default workerUrl),
    // bundled whole (the mixkit packages, ml-matrix and munkres inlined; Node's built-ins stay
    // imports). Every worker loads its code again in its own isolate, and in Node 20 one file
    // costs a worker about half the CPU of the ~10 ES modules it would otherwise resolve and
    // link (ml-matrix's ES entry wraps its CommonJS bundle, which Node must scan with
    // cjs-module-lexer first): see the README, "Starting a pool". The tests run a bundle too
    // (`workerEntryFromSources`).
    entry: { nodeWorker: 'src/node/nodeWorker.ts' },
    format: ['esm'],
    platform: 'node',
    noExternal: [/./],
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    target: 'es2022',
    keepNames: true,
  },
]);
