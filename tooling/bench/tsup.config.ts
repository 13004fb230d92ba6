import { defineConfig } from 'tsup';

// The harness is an app with one ESM entry. By default the mixkit packages stay external and
// are loaded from their built dist/ (what a user installs). MIXKIT_BENCH_FROM_SOURCE=1 bundles
// their TypeScript sources instead (through the `@mixkit/source` export condition), for quick
// runs while a package is being changed.
const fromSource = process.env.MIXKIT_BENCH_FROM_SOURCE === '1';

export default defineConfig({
  // From source, the worker threads' entry is bundled beside the harness too.
  entry: fromSource
    ? { cli: 'src/cli.ts', nodeWorker: '../../packages/workers/src/node/nodeWorker.ts' }
    : ['src/cli.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  dts: false,
  keepNames: true,
  ...(fromSource ? { noExternal: [/^@mixkit\//] } : {}),
  esbuildOptions(options) {
    if (fromSource) options.conditions = ['@mixkit/source'];
  },
});
