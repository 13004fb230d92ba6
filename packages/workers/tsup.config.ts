import { defineConfig } from 'tsup';
import { libraryOptions } from '../../tsup.shared.ts';

export default defineConfig([
  // The Node entry and the browser entry; `new URL('./nodeWorker.js', import.meta.url)` in the
  // CommonJS build too (shims).
  libraryOptions(['src/index.ts', 'src/browser.ts'], { shims: true }),
  {
    // The worker threads' entry: an ES module beside index.js (the pool's default workerUrl).
    entry: { nodeWorker: 'src/node/nodeWorker.ts' },
    format: ['esm'],
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    target: 'es2022',
    keepNames: true,
  },
]);
