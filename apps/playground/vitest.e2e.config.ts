import { e2eConfig } from '../../vitest.e2e.shared.ts';

// Browser tests: each e2e file serves dist/ with vite's preview server in-process and drives
// Debian's Chromium with playwright-core; the library also runs in this Node process from source,
// to compare the page's numbers with a fit of its own.
export default e2eConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
