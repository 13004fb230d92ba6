import { e2eConfig } from '../../vitest.e2e.shared.ts';

// End-to-end tests of the BUILT bin (dist/main.js) as a subprocess on real files. Test helpers
// read sibling sources (e.g. @mixkit/datasets to write fixture files).
// Two files at a time (vitest's default on two cores is one): most of a file's time is spent
// waiting on a bin subprocess, and the out-of-core file's set-up (two fits of a 57 MB file) and
// the packed-CLI file's (pack and install) would otherwise run back to back with all the others
// behind them; this task is often the last one of `npm test` still running.
export default e2eConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    maxWorkers: 2,
  },
});
