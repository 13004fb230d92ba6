import { randomUUID } from 'node:crypto';
import {
  InThreadSession,
  InvalidInputError,
  inThreadContext,
  type ShardExecutor,
  type ShardPlan,
  type ShardSession,
  type ShardTask,
  shardAt,
} from '@mixkit/core';
import { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { defaultMaxPayloadBytes, encodeWire } from '../codec/wireCodec.js';
import { openRedis } from '../connection/openRedis.js';
import { ioredisOptions, type RedisConnection } from '../connection/redisConnection.js';
import type { DatasetPart } from '../data/dataSource.js';
import { digestRows } from '../data/digestRows.js';
import { DistributedError } from '../errors/distributedError.js';
import type { SessionDescriptor } from '../protocol/sessionDescriptor.js';
import { distributedTasks } from '../tasks/distributedTasks.js';
import { ConnectionWatch } from './connectionWatch.js';
import { DistributedSession } from './distributedSession.js';
import { checkName, FitKeys } from './fitKeys.js';
import { RoundCollector } from './roundCollector.js';
import { type RoundCounts, RoundRunner } from './roundRunner.js';

/** Options of `DistributedExecutor.connect`. */
export interface DistributedExecutorOptions {
  /** The Redis server the workers serve from (host, port, password, TLS). */
  readonly connection: RedisConnection;
  /**
   * The data set's sources and row counts (`describeDataset(...).parts`, which reads no rows):
   * what workers read.
   */
  readonly parts: readonly DatasetPart[];
  /**
   * Names the fit's keys and jobs. Run the same fit again under the same id (same data, same
   * options) to resume it: completed iterations come back from their checkpoints. Default: a
   * random id (no resumption).
   */
  readonly fitId?: string;
  /** The queue workers serve (`mixkit worker --queue`). Default `mixkit-shards`. */
  readonly queue?: string;
  /** BullMQ's key prefix and this package's. Default `mixkit`. */
  readonly prefix?: string;
  /** Worker processes expected (what `ShardExecutor.workers` reports). Default 2. */
  readonly workers?: number;
  /** The longest one iteration's map may take. Default 10 minutes. */
  readonly roundTimeoutMs?: number;
  /** How long Redis may be gone before the fit fails with `redis-lost`. Default 30 s. */
  readonly reconnectTimeoutMs?: number;
  /**
   * Rows one job covers: consecutive shards are run by one job (read at once, one output per
   * shard, so the merge and its bits are unchanged), which keeps BullMQ's per-job cost to a few
   * jobs per worker and round. Default 262,144.
   */
  readonly jobRows?: number;
  /** Tries per shard job (retries after a stall or a transient error). Default 3. */
  readonly attempts?: number;
  /** Largest setup, input or shard output, in bytes. Default 64 MiB. */
  readonly maxPayloadBytes?: number;
  /** How long checkpoints and inputs stay in Redis (also after a crash). Default 7 days. */
  readonly checkpointTtlMs?: number;
  /**
   * Lock of a round while this coordinator collects it: a coordinator killed mid-collection
   * gives the round back to its successor after this long. Default 10 s.
   */
  readonly lockDurationMs?: number;
}

/**
 * A `ShardExecutor` over a BullMQ (Redis) cluster: pass it as `executor` to `fitMixtureAsync`,
 * `KMeans.fitAsync` or `GaussianMixture.fitAsync`, and each iteration's map (EM's pass,
 * k-means' assignment) runs as one job per shard on `mixkit worker` processes, which read their
 * shard's rows from the data set's sources and keep them. Outputs are merged in shard order by
 * the fit itself, so a seeded fit gives the same bits as in-process. Tasks without a
 * distributed form run in the coordinator's thread.
 *
 * Every round is checkpointed in Redis; `close({ clear: true })` removes the fit's keys once the
 * fit is done. Connection failures are typed (`DistributedError`), never a hang.
 */
export class DistributedExecutor implements ShardExecutor {
  readonly workers: number;
  /**
   * The fit's id (`options.fitId`, or a random UUID): names its keys and jobs in Redis. Pass it
   * as `fitId` to a new executor to resume this fit after a coordinator restart.
   */
  readonly fitId: string;
  private nextSession = 0;
  /** Everything this fit stored, re-stored if Redis comes back empty. */
  private readonly stored = new Map<string, Buffer>();

  private constructor(
    private readonly client: Redis,
    private readonly runner: RoundRunner,
    private readonly closers: readonly (() => Promise<void>)[],
    private readonly keys: FitKeys,
    private readonly options: DistributedExecutorOptions,
  ) {
    this.workers = options.workers ?? 2;
    this.fitId = keys.fit;
  }

  /** Connects to Redis (a typed `redis-unreachable` or `redis-auth` error if it cannot). */
  static async connect(options: DistributedExecutorOptions): Promise<DistributedExecutor> {
    const fitId = checkName(options.fitId ?? randomUUID(), 'fitId');
    const shardQueue = checkName(options.queue ?? 'mixkit-shards', 'queue');
    const prefix = options.prefix ?? 'mixkit';
    const client = await openRedis(options.connection);
    const watch = new ConnectionWatch(client);
    const connection = ioredisOptions(options.connection, false);
    const blocking = ioredisOptions(options.connection, true);
    const keys = new FitKeys(prefix, fitId);
    const maxPayloadBytes = options.maxPayloadBytes ?? defaultMaxPayloadBytes;
    const checkpointTtlMs = options.checkpointTtlMs ?? 7 * 24 * 3_600_000;
    const flows = new FlowProducer({ connection, prefix });
    const rounds = new Queue(`mixkit-rounds-${fitId}`, { connection, prefix });
    flows.on('error', () => {});
    rounds.on('error', () => {});
    const collector = new RoundCollector({
      queue: rounds.name,
      prefix,
      connection: blocking,
      keys,
      client,
      maxPayloadBytes,
      checkpointTtlMs,
      lockDurationMs: options.lockDurationMs ?? 10_000,
    });
    const runner = new RoundRunner({
      client,
      flows,
      rounds,
      collector,
      watch,
      keys,
      shardQueue,
      attempts: options.attempts ?? 3,
      roundTimeoutMs: options.roundTimeoutMs ?? 600_000,
      reconnectTimeoutMs: options.reconnectTimeoutMs ?? 30_000,
      maxPayloadBytes,
      checkpointTtlMs,
    });
    const closers = [() => collector.close(), () => flows.close(), () => rounds.close()];
    return new DistributedExecutor(client, runner, closers, keys, options);
  }

  /** What this coordinator did so far (rounds dispatched or read from checkpoints, bytes). */
  get counts(): Readonly<RoundCounts> {
    return this.runner.counts;
  }

  async open<Setup, Input, Output, State, Local, Wire>(
    task: ShardTask<Setup, Input, Output, State, Local, Wire>,
    setup: Setup,
    plan: ShardPlan,
    local: Local,
  ): Promise<ShardSession<Input, Output>> {
    const adapter = distributedTasks.get(task.name);
    if (adapter === undefined) {
      const session = new InThreadSession(task, setup, plan, local, inThreadContext);
      return { plan, map: (input, signal) => session.map(input, signal), close: () => {} };
    }
    const { parts } = this.options;
    const rows = parts.reduce((sum, part) => sum + part.rows, 0);
    if (rows !== plan.rows) {
      throw new InvalidInputError(
        { argument: 'X', value: plan.rows },
        `has ${plan.rows} rows but the executor's data set has ${rows}: fit the rows the executor was given`,
      );
    }
    const id = this.nextSession++;
    const shardsPerJob = Math.max(
      1,
      Math.floor((this.options.jobRows ?? 262_144) / plan.shardRows),
    );
    const { shared, cols, rowsOf, viewOf } = adapter.split(setup);
    const shards = Array.from({ length: plan.count }, (_, s) => shardAt(plan, s));
    const extras = shards.map((shard) => rowsOf(shard));
    const hasExtras = extras.map(
      (value) =>
        value !== null &&
        typeof value === 'object' &&
        Object.values(value).some((field) => field !== undefined),
    );
    const views = shards.map((shard) => viewOf(shard));
    // Rows this process does not hold (`RemoteRows`) are not digested: workers read them unchecked.
    const digests = views.every((view): view is readonly Float64Array[] => view !== undefined)
      ? views.map(digestRows)
      : [];
    const descriptor: SessionDescriptor = {
      task: task.name,
      shared,
      cumulative: adapter.cumulative,
      rows: plan.rows,
      cols,
      shardRows: plan.shardRows,
      count: plan.count,
      shardsPerJob,
      parts,
      digests,
      extras: hasExtras,
    };
    await this.store(this.keys.session(id), encodeWire(descriptor, 'a session', this.maxPayload));
    for (const [s, value] of extras.entries()) {
      if (hasExtras[s]) {
        await this.store(
          this.keys.shardRows(id, s),
          encodeWire(value, `shard ${s}'s rows`, this.maxPayload),
        );
      }
    }
    const encode = task.encode;
    return new DistributedSession<Input, Output, Wire>(
      id,
      plan,
      encode === undefined ? undefined : (input) => encode(input, local),
      (round, bytes) => this.store(this.keys.input(id, round), bytes),
      (round, signal) =>
        this.runner.run(id, round, plan.count, shardsPerJob, () => this.restore(), signal),
      this.maxPayload,
    );
  }

  /**
   * Disconnects. With `clear`, first deletes everything this fit stored (checkpoints, inputs,
   * setups): do it once the fit is done, not when you mean to resume it.
   */
  async close(options: { readonly clear?: boolean } = {}): Promise<void> {
    if (options.clear) await this.clear().catch(() => {});
    await Promise.race([
      Promise.allSettled(this.closers.map((close) => close())),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]);
    this.client.disconnect();
  }

  private get maxPayload(): number {
    return this.options.maxPayloadBytes ?? defaultMaxPayloadBytes;
  }

  /**
   * Stores a value once: a resumed fit must store the same bytes under the same key, else it is
   * not the same fit (`checkpoint-mismatch`).
   */
  private async store(key: string, bytes: Buffer): Promise<void> {
    const ttl = this.options.checkpointTtlMs ?? 7 * 24 * 3_600_000;
    this.stored.set(key, bytes);
    this.runner.counts.bytesSent += bytes.byteLength;
    const written = await this.runner.patiently(() => this.client.set(key, bytes, 'PX', ttl, 'NX'));
    if (written === 'OK') return;
    const existing = await this.runner.patiently(() => this.client.getBuffer(key));
    if (existing !== null && !existing.equals(bytes)) {
      throw new DistributedError(
        'checkpoint-mismatch',
        `fit '${this.fitId}' stored other values under ${key}: another fit (other data or options) used this fit id`,
      );
    }
  }

  /** Stores again what Redis may have lost while it was gone (a restart without persistence). */
  private async restore(): Promise<void> {
    const ttl = this.options.checkpointTtlMs ?? 7 * 24 * 3_600_000;
    for (const [key, bytes] of this.stored) await this.client.set(key, bytes, 'PX', ttl, 'NX');
  }

  private async clear(): Promise<void> {
    let cursor = '0';
    do {
      const [next, found] = await this.client.scan(
        cursor,
        'MATCH',
        `${this.keys.root}:*`,
        'COUNT',
        1000,
      );
      if (found.length > 0) await this.client.del(...found);
      cursor = next;
    } while (cursor !== '0');
  }
}
