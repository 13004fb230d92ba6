import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The tests start redis-server and worker processes: one file at a time on a 2-core machine.
export default mergeConfig(
  shared,
  defineConfig({ test: { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 } }),
);
