import { serveBenchWorker } from './distributedCluster.js';

// A bench worker process run from a bundle of the sources (the smoke test; see
// `MIXKIT_BENCH_WORKER_ENTRY`). Called as cli.js is: [node, script, '--distributed-worker', json].
await serveBenchWorker(process.argv[3] ?? '{}');
