import { readFileSync } from 'node:fs';
import {
  parseRedisUrl,
  type RedisConnection,
  type ShardWorkerEvent,
  startShardWorker,
  tlsFromFiles,
} from '@mixkit/distributed';
import type { CliIo } from '../cliIo.js';

/** Options of `mixkit worker`, and the Redis options a distributed `fit` shares. */
export interface RedisCliOptions {
  readonly redis: string;
  readonly redisPasswordFile?: string;
  readonly tlsCa?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly queue?: string;
  readonly dataRoot?: string;
}

export interface WorkerCliOptions extends RedisCliOptions {
  readonly cacheMb?: string;
  readonly lockMs?: string;
  readonly verbose?: boolean;
}

/**
 * The connection the options name: the URL, the password from `--redis-password-file` or
 * `MIXKIT_REDIS_PASSWORD` (never from the command line, where `ps` shows it), TLS files.
 */
export function redisConnectionOf(options: RedisCliOptions): RedisConnection {
  const password =
    options.redisPasswordFile === undefined
      ? process.env.MIXKIT_REDIS_PASSWORD
      : readFileSync(options.redisPasswordFile, 'utf8').trim();
  const tlsFiles = { ca: options.tlsCa, cert: options.tlsCert, key: options.tlsKey };
  const anyTls = Object.values(tlsFiles).some((file) => file !== undefined);
  const base = parseRedisUrl(options.redis);
  return {
    ...base,
    ...(password === undefined || password === '' ? {} : { password }),
    ...(anyTls
      ? {
          tls: tlsFromFiles({
            ...(options.tlsCa === undefined ? {} : { ca: options.tlsCa }),
            ...(options.tlsCert === undefined ? {} : { cert: options.tlsCert }),
            ...(options.tlsKey === undefined ? {} : { key: options.tlsKey }),
          }),
        }
      : {}),
  };
}

/**
 * `mixkit worker`: connects to Redis and serves shard jobs of any distributed fit until
 * SIGINT/SIGTERM, reading sources under `--data-root`. Exits 2 with one line when Redis cannot
 * be reached or refuses the password.
 */
export function workerCommand(options: WorkerCliOptions, io: CliIo): void {
  const connection = redisConnectionOf(options);
  const cacheMb = options.cacheMb === undefined ? undefined : Number(options.cacheMb);
  const lockMs = options.lockMs === undefined ? undefined : Number(options.lockMs);
  const log = (event: ShardWorkerEvent) => {
    const where =
      event.job === undefined
        ? event.id
        : `fit ${event.job.fit} round ${event.job.round} job ${event.job.job}`;
    if (event.type === 'rejected') io.stderr(`rejected ${where}: ${event.error.message}\n`);
    else if (options.verbose && event.type === 'done')
      io.stdout(`${where}: ${event.ms.toFixed(1)} ms\n`);
  };
  startShardWorker({
    connection,
    ...(options.queue === undefined ? {} : { queue: options.queue }),
    ...(options.dataRoot === undefined ? {} : { dataRoot: options.dataRoot }),
    ...(cacheMb === undefined || !(cacheMb > 0) ? {} : { cacheBytes: cacheMb * 1024 * 1024 }),
    ...(lockMs === undefined || !(lockMs > 0) ? {} : { lockDurationMs: lockMs }),
    onEvent: log,
  }).then(
    (worker) => {
      io.stdout(`mixkit worker ${worker.name} serving ${options.queue ?? 'mixkit-shards'}\n`);
      const stop = () => {
        void worker.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      io.stderr(`mixkit: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
