import { e2eConfig } from '../../vitest.e2e.shared.ts';

// End-to-end tests: every BUILT demo (dist/<name>.js) run with node, as `npm run demo` does.
export default e2eConfig({
  test: { include: ['e2e/**/*.test.ts'], globalSetup: ['e2e/globalSetup.ts'] },
});
