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
    // One worker runs a package's files one after another (vitest's default on two cores) in
    // the same module registry, instead of a fresh one per file that imported every sibling
    // package's sources again: that import was more than half of the CPU time of the
    // distributions suite (45 CPU-s down to 17). Suites that start worker threads, processes or
    // Redis, or set process.env for later imports (workers, distributed, cli, bench), and em
    // (a garbage-collector check), keep a fresh one.
    isolate: false,
  },
});
