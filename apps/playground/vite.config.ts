import { defaultClientConditions, defineConfig } from 'vite';

// The app bundles the mixkit packages from their TypeScript sources (the `@mixkit/source` export
// condition), in dev and in build alike. Dev then picks up a library edit on reload without a
// package rebuild, and the e2e test, which runs the same library from source in Node, compares
// the page with exactly the code that was bundled. turbo still builds the packages first
// (`build` depends on `^build`), so their dist is checked too, just not what the page runs.
export default defineConfig({
  resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
  // Module workers: the worker imports the library like the page does, and shares its chunks.
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
