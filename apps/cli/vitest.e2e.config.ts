import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// End-to-end tests of the BUILT bin (dist/main.js) as a subprocess on real files. turbo's `e2e`
// task depends on `build` (which builds the @mixkit packages first); run directly, the global
// setup builds them. Test helpers still read sibling sources (e.g. @mixkit/datasets to write
// fixture files), hence the source condition.
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
