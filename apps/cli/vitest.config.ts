import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// `mixkit fit` starts worker threads for large data (`--workers`, default one per core). Run
// from the sources, @mixkit/workers has no built worker entry beside it, so the setup file
// points the pool at one bundled from today's sources.
export default mergeConfig(
  shared,
  defineConfig({ test: { setupFiles: ['./test/helpers/workerEntry.ts'] } }),
);
