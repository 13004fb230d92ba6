import { workerEntryFromSources } from '@mixkit/test-utils/bundle';

// The worker entry `createWorkerPool` falls back to when none is built beside it (see
// apps/cli/vitest.config.ts).
process.env.MIXKIT_WORKER_ENTRY ??= workerEntryFromSources().href;
