import { defineConfig } from 'tsup';

// The bin: one ESM file with a shebang. Dependencies (commander, csv-parse, cli-progress and the
// @mixkit packages) stay external: they are resolved from node_modules at run time, the
// @mixkit ones from their built dist/ (tsup externalises every `dependencies` entry).
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: true,
  clean: true,
  dts: false,
  keepNames: true,
});
