import { serveWebWorker } from '@mixkit/workers/browser';

// One worker of the fit's pool (see fit/fitExecutor.ts): it runs shards of rows for the fit.
serveWebWorker();
