import { e2eConfig } from '../../vitest.e2e.shared.ts';

// End-to-end tests of the BUILT bin (dist/main.js) as a subprocess on real files. Test helpers
// read sibling sources (e.g. @mixkit/datasets to write fixture files).
export default e2eConfig({
  test: { include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/globalSetup.ts'] },
});
