import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const apiReference = fileURLToPath(new URL('../../tooling/api-docs/dist', import.meta.url));

/**
 * The API reference (built by tooling/api-docs, which turbo builds first: it is a dependency of
 * this app) is served next to the playground, under api/, so the page links it and one static
 * site holds both.
 */
function apiReferencePlugin(): Plugin {
  let outDir = '';
  return {
    name: 'mixkit-api-reference',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/')
        ? config.build.outDir
        : `${config.root}/${config.build.outDir}`;
    },
    closeBundle() {
      if (!existsSync(`${apiReference}/index.html`)) {
        throw new Error(
          `the API reference is not built (${apiReference}): run the build of @mixkit/api-docs first`,
        );
      }
      cpSync(apiReference, `${outDir}/api`, { recursive: true });
    },
  };
}

// Cross-origin isolation: with these headers the page (and its workers) may use
// SharedArrayBuffer, so the fit's pool of Web Workers shares the data instead of copying it
// (see src/fit/fitExecutor.ts). PLAYGROUND_ISOLATION=off serves without them, which is how the
// e2e test checks the fallback.
const isolated = process.env.PLAYGROUND_ISOLATION !== 'off';
const headers: Record<string, string> = isolated
  ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  : {};

// The app bundles the mixkit packages from their TypeScript sources (the `@mixkit/source` export
// condition), in dev and in build alike. Dev then picks up a library edit on reload without a
// package rebuild, and the e2e test, which runs the same library from source in Node, compares
// the page with exactly the code that was bundled. turbo still builds the packages first
// (`build` depends on `^build`), so their dist is checked too, just not what the page runs.
export default defineConfig({
  resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
  // Module workers: the worker imports the library like the page does, and shares its chunks.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    // workers.html: the e2e test's page for the Web Worker executor (not linked from the app).
    rollupOptions: { input: { main: 'index.html', workers: 'workers.html' } },
  },
  plugins: [apiReferencePlugin()],
  preview: { host: '127.0.0.1', headers },
  server: { host: '127.0.0.1', headers },
});
