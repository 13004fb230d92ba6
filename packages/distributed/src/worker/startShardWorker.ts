import { hostname } from 'node:os';
import { defaultRegistry, extendRegistry, type FamilyFactory } from '@mixkit/distributions';
import { UnrecoverableError, Worker } from 'bullmq';
import { defaultMaxPayloadBytes, encodeWire } from '../codec/wireCodec.js';
import { openRedis } from '../connection/openRedis.js';
import { ioredisOptions, type RedisConnection } from '../connection/redisConnection.js';
import { checkName } from '../coordinator/fitKeys.js';
import { encodeShardFailure, isPermanent } from '../protocol/shardFailure.js';
import { parseShardJobData, type ShardJobData } from '../protocol/shardJobData.js';
import { ShardJobRunner } from './shardJobRunner.js';

/** Options of `startShardWorker` (and of `mixkit worker`). */
export interface ShardWorkerOptions {
  /** The Redis server to serve jobs from (host, port, password, TLS). */
  readonly connection: RedisConnection;
  /** The queue to serve. Default `mixkit-shards`. */
  readonly queue?: string;
  /** BullMQ's key prefix. Default `mixkit`. */
  readonly prefix?: string;
  /** The only directory sources are read from (paths in jobs are relative to it). Default: cwd. */
  readonly dataRoot?: string;
  /**
   * How long a job's lock lasts without renewal: a worker killed mid-job gives its job back
   * after this plus one stalled check. Default 30 s (BullMQ's).
   */
  readonly lockDurationMs?: number;
  /** How often this worker looks for stalled jobs. Default 30 s (BullMQ's). */
  readonly stalledIntervalMs?: number;
  /** Times a job may stall before it fails. Default 3. */
  readonly maxStalledCount?: number;
  /** Largest payload accepted, in bytes. Default 64 MiB. */
  readonly maxPayloadBytes?: number;
  /** Memory for shards' rows kept across rounds and fits, in bytes. Default 2 GiB. */
  readonly cacheBytes?: number;
  /** Family kinds beyond `@mixkit/distributions`' registry (factories, never code sent as data). */
  readonly families?: Readonly<Record<string, FamilyFactory>>;
  /** Names this worker on the jobs it takes. Default `<host>:<pid>`. */
  readonly name?: string;
  /** Waits this long before each job (fault drills: time to kill a worker mid-job). */
  readonly drillDelayMs?: number;
  /** Hears every job's start, end or rejection (for logs). */
  readonly onEvent?: (event: ShardWorkerEvent) => void;
}

/** What a worker reports about one job. */
export type ShardWorkerEvent = (
  | {
      /** The worker took a job and its payload parsed. */
      readonly type: 'start';
    }
  | {
      /** The job's shards ran and their outputs were returned. */
      readonly type: 'done';
      /** Wall time from taking the job to its outputs, in milliseconds. */
      readonly ms: number;
      /** Size of the encoded outputs returned, in bytes. */
      readonly bytes: number;
    }
  | {
      /** The job failed (a bad payload, unreadable rows, or a transient error). */
      readonly type: 'rejected';
      /** Wall time from taking the job to its failure, in milliseconds. */
      readonly ms: number;
      /** Why (a `DistributedError` for anything the worker checked). */
      readonly error: Error;
      /** Failed for good, without retries; false when BullMQ will retry it. */
      readonly permanent: boolean;
    }
) & {
  /** The job's parsed payload, or undefined when it did not parse. */
  readonly job: ShardJobData | undefined;
  /** BullMQ's job id, derived from (fit, session, round, job), or undefined if BullMQ gave none. */
  readonly id: string | undefined;
};

/** A serving worker. */
export interface ShardWorker {
  /** The name this worker takes jobs under (`options.name`, default `<host>:<pid>`). */
  readonly name: string;
  /** Stops taking jobs, lets the current one finish, disconnects. */
  close(): Promise<void>;
}

/**
 * Connects to Redis (a typed `redis-unreachable` or `redis-auth` error if it cannot) and serves
 * shard jobs of any fit from the queue, one at a time: see `ShardJobRunner`. A job that fails
 * for good (a malformed payload, bad rows) is failed without retries and the worker keeps
 * serving; a transient failure is retried by BullMQ.
 */
export async function startShardWorker(options: ShardWorkerOptions): Promise<ShardWorker> {
  const client = await openRedis(options.connection);
  const queue = checkName(options.queue ?? 'mixkit-shards', 'queue');
  const prefix = options.prefix ?? 'mixkit';
  const maxPayloadBytes = options.maxPayloadBytes ?? defaultMaxPayloadBytes;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const runner = new ShardJobRunner({
    client,
    prefix,
    dataRoot: options.dataRoot ?? process.cwd(),
    registry:
      options.families === undefined
        ? defaultRegistry
        : extendRegistry(defaultRegistry, options.families),
    maxPayloadBytes,
    cacheBytes: options.cacheBytes ?? 2 * 1024 ** 3,
  });
  const report = options.onEvent ?? (() => {});
  const worker = new Worker(
    queue,
    async (job) => {
      const started = performance.now();
      let data: ShardJobData | undefined;
      try {
        data = parseShardJobData(job.data);
        report({ type: 'start', job: data, id: job.id });
        if (options.drillDelayMs !== undefined) await sleep(options.drillDelayMs);
        const outputs = (await runner.run(data)).map((output) =>
          encodeWire(output, 'a shard output', maxPayloadBytes),
        );
        const bytes = outputs.reduce((sum, output) => sum + output.byteLength, 0);
        report({ type: 'done', job: data, id: job.id, ms: performance.now() - started, bytes });
        return { job: data.job, outputs: outputs.map((output) => output.toString('base64')) };
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        const permanent = isPermanent(error);
        report({
          type: 'rejected',
          job: data,
          id: job.id,
          ms: performance.now() - started,
          error,
          permanent,
        });
        const reason = encodeShardFailure(error);
        throw permanent ? new UnrecoverableError(reason) : new Error(reason);
      }
    },
    {
      connection: ioredisOptions(options.connection, true),
      prefix,
      name,
      concurrency: 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 3,
    },
  );
  // Connection trouble: BullMQ reconnects by itself; the coordinator bounds the fit's wait.
  worker.on('error', () => {});
  await worker.waitUntilReady();
  return {
    name,
    async close() {
      await worker.close();
      client.disconnect();
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
