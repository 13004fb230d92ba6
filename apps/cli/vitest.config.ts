import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// `mixkit fit` starts worker threads for large data (`--workers`, default one per core). Run
// from the sources, @mixkit/workers has no built worker entry beside it, so the setup file
// points the pool at one bundled from today's sources. A fresh module registry per file (see
// vitest.shared.ts): its tests set process.env for the worker pool.
export default mergeConfig(
  shared,
  defineConfig({ test: { isolate: true, setupFiles: ['./test/helpers/workerEntry.ts'] } }),
);
