import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Browser tests: each e2e file builds nothing itself (turbo's `e2e` depends on `build`), serves
// dist/ with vite's preview server in-process and drives Debian's Chromium with playwright-core.
// The library runs in this Node process from source (the `@mixkit/source` condition), to
// compare the page's numbers with a fit of its own. The JSON report is summed by the repo's
// test command.
export default defineConfig({
  resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@mixkit/source', ...defaultServerConditions] } },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.e2e.json' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
