import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// End-to-end tests: every BUILT demo (dist/<name>.js) run with node, as `npm run demo` does. turbo's `e2e`
// task depends on `build` (which builds the @mixkit packages first); run directly, the global
// setup builds them. The test itself imports nothing from the packages;
// the source condition is kept for symmetry with the unit tests.
export default defineConfig({
  resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@mixkit/source', ...defaultServerConditions] } },
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.e2e.json' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
