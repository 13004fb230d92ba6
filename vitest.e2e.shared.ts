import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The shared config of the apps' end-to-end suites (`vitest run --config vitest.e2e.config.ts`):
 * they exercise BUILT artefacts (turbo's `e2e` task depends on `build`), while test helpers still
 * read sibling packages from source (the `@mixkit/source` condition). The JSON report is summed by
 * tooling/scripts/runTests.mjs into the repo-wide total.
 */
export function e2eConfig(overrides: ViteUserConfig): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      resolve: { conditions: ['@mixkit/source', ...defaultClientConditions] },
      ssr: { resolve: { conditions: ['@mixkit/source', ...defaultServerConditions] } },
      test: {
        environment: 'node',
        reporters: ['default', 'json'],
        outputFile: { json: '.vitest-results.e2e.json' },
        testTimeout: 60_000,
        hookTimeout: 180_000,
      },
    }),
    overrides,
  );
}
