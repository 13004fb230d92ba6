import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The tests start redis-server and worker processes: one file at a time on a 2-core machine,
// each in a fresh module registry (see vitest.shared.ts).
export default mergeConfig(
  shared,
  defineConfig({
    test: { isolate: true, fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 },
  }),
);
