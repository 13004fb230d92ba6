export {
  createWorkerPool,
  type NodeWorkerPoolOptions,
} from './node/createWorkerPool.js';
export { shareSetup } from './pool/shareSetup.js';
export type { ThreadFactory, ThreadPort } from './pool/threadPort.js';
export { WorkerPool, type WorkerPoolOptions } from './pool/workerPool.js';
export { builtinTasks } from './worker/builtinTasks.js';
export { serveShards, type WorkerEndpoint, type WorkerModule } from './worker/serveShards.js';
