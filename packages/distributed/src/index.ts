export { defaultMaxPayloadBytes } from './codec/wireCodec.js';
export { openRedis } from './connection/openRedis.js';
export {
  describeConnection,
  parseRedisUrl,
  type RedisConnection,
  type RedisTlsOptions,
  tlsFromFiles,
} from './connection/redisConnection.js';
export {
  DistributedExecutor,
  type DistributedExecutorOptions,
} from './coordinator/distributedExecutor.js';
export type { RoundCounts } from './coordinator/roundRunner.js';
export type { DataSource, DatasetPart, SourceRows } from './data/dataSource.js';
export { type DatasetDescription, describeDataset } from './data/describeDataset.js';
export { type LoadedDataset, loadDataset } from './data/loadDataset.js';
export { DistributedError, type DistributedFailure } from './errors/distributedError.js';
export type { DistributedTask, RemoteSetup } from './tasks/distributedTask.js';
export { distributedTasks } from './tasks/distributedTasks.js';
export {
  type ShardWorker,
  type ShardWorkerEvent,
  type ShardWorkerOptions,
  startShardWorker,
} from './worker/startShardWorker.js';
