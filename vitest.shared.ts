import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests resolve sibling workspace packages from their TypeScript sources through the
// `@mixkit/source` export condition, so a test never runs against a stale dist/.
// The JSON report is what tooling/scripts/runTests.mjs sums into the repo-wide total.
export default defineConfig({
  resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@mixkit/source', ...defaultServerConditions] } },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    setupFiles: [new URL('./tooling/scripts/vitestSetup.ts', import.meta.url).pathname],
    testTimeout: 30_000,
  },
});
