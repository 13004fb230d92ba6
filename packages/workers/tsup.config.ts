import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/browser.ts'],
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { customConditions: [] } },
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    clean: true,
    target: 'es2022',
    // `new URL('./nodeWorker.js', import.meta.url)` in the CommonJS build too.
    shims: true,
  },
  {
    // The worker threads' entry: an ES module beside index.js (the pool's default workerUrl).
    entry: { nodeWorker: 'src/node/nodeWorker.ts' },
    format: ['esm'],
    tsconfig: 'tsconfig.build.json',
    sourcemap: true,
    target: 'es2022',
  },
]);
