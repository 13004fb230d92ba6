import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Type tests (*.test-d.ts) check only their own assertions: errors in sibling packages' sources,
// which tests read through the @mixkit/source condition (e.g. @mixkit/linalg, compiled here
// under a stricter noUncheckedIndexedAccess than its own), belong to those packages' typecheck.
// This package's own sources are still checked by `pnpm typecheck`.
export default mergeConfig(
  shared,
  defineConfig({ test: { typecheck: { ignoreSourceErrors: true } } }),
);
