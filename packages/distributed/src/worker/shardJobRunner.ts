import { type FamilySpec, MixkitError, type Shard, type ShardContext, shardAt } from '@mixkit/core';
import { type FamilyRegistry, familyFromSpec } from '@mixkit/distributions';
import type { Redis } from 'ioredis';
import { decodeWire } from '../codec/wireCodec.js';
import { FitKeys } from '../coordinator/fitKeys.js';
import type { SourceRows } from '../data/dataSource.js';
import { digestRows } from '../data/digestRows.js';
import { datasetRowsIdentity, readDatasetRows } from '../data/readDatasetRows.js';
import { DistributedError } from '../errors/distributedError.js';
import { parseSessionDescriptor, type SessionDescriptor } from '../protocol/sessionDescriptor.js';
import type { ShardJobData } from '../protocol/shardJobData.js';
import type { AnyDistributedTask } from '../tasks/distributedTask.js';
import { distributedTasks } from '../tasks/distributedTasks.js';
import { LruCache } from './lruCache.js';

/** A shard's live task state in a worker, and how many of its session's rounds it has run. */
interface ShardState {
  readonly adapter: AnyDistributedTask;
  readonly setup: unknown;
  readonly state: unknown;
  readonly local: Shard;
  applied: number;
}

/** What a worker's job runner needs. */
export interface ShardJobRunnerOptions {
  readonly client: Redis;
  readonly prefix: string;
  readonly dataRoot: string;
  readonly registry: FamilyRegistry;
  readonly maxPayloadBytes: number;
  readonly cacheBytes: number;
}

/**
 * Runs shard jobs in a worker process: reads the session (once), the shard's rows (once, from
 * the data set's sources, kept across rounds and sessions while the files are unchanged), builds
 * the task's state for the shard (checking its rows against the coordinator's digest), replays
 * earlier rounds when the task is cumulative and this worker has not run them, and runs the
 * round. Everything read from Redis is checked before use.
 */
export class ShardJobRunner {
  private readonly sessions = new LruCache<SessionDescriptor>(64);
  private readonly rows: LruCache<SourceRows>;
  private readonly states = new LruCache<ShardState>(1_024);
  private readonly inputs = new LruCache<unknown>(64);
  private readonly context: ShardContext;

  constructor(private readonly options: ShardJobRunnerOptions) {
    this.rows = new LruCache(options.cacheBytes);
    this.context = {
      inWorker: true,
      resolveFamily: (spec: FamilySpec) => familyFromSpec(spec, options.registry),
    };
  }

  /** Rows held in the cache (for tests and logs). */
  get cachedShards(): number {
    return this.rows.size;
  }

  /** Runs the job's shards in order; their outputs, one per shard. */
  async run(job: ShardJobData): Promise<unknown[]> {
    const keys = new FitKeys(this.options.prefix, job.fit);
    const descriptor = await this.session(keys, job.session);
    const first = job.job * descriptor.shardsPerJob;
    if (first >= descriptor.count) {
      throw new DistributedError('invalid-payload', `job ${job.job} is past the session's shards`);
    }
    const last = Math.min(descriptor.count, first + descriptor.shardsPerJob);
    const outputs: unknown[] = [];
    for (let s = first; s < last; s++) outputs.push(await this.runShard(keys, job, descriptor, s));
    return outputs;
  }

  private async runShard(
    keys: FitKeys,
    job: ShardJobData,
    descriptor: SessionDescriptor,
    index: number,
  ): Promise<unknown> {
    const stateKey = `${job.fit}:${job.session}:${index}`;
    let shard = this.states.get(stateKey);
    if (shard === undefined || (descriptor.cumulative && shard.applied !== job.round)) {
      shard = await this.openShard(keys, job, descriptor, index);
      this.states.set(stateKey, shard);
    }
    // A cumulative task's state follows from every earlier round: replay those it missed.
    while (descriptor.cumulative && shard.applied < job.round) {
      await this.runRound(keys, job.session, shard.applied, shard);
    }
    return this.runRound(keys, job.session, job.round, shard);
  }

  private async runRound(
    keys: FitKeys,
    session: number,
    round: number,
    shard: ShardState,
  ): Promise<unknown> {
    const { adapter, state, local } = shard;
    const input = await this.input(keys, session, round, shard);
    const output = adapter.task.run(state, input, local);
    shard.applied = round + 1;
    return output;
  }

  private async session(keys: FitKeys, session: number): Promise<SessionDescriptor> {
    const key = keys.session(session);
    const known = this.sessions.get(key);
    if (known !== undefined) return known;
    const bytes = await this.options.client.getBuffer(key);
    if (bytes === null) {
      throw new DistributedError(
        'shard-failed',
        `no session ${session} for fit '${keys.fit}' in Redis (yet)`,
      );
    }
    const descriptor = parseSessionDescriptor(
      decodeWire(bytes, 'a session', this.options.maxPayloadBytes),
    );
    if (!distributedTasks.has(descriptor.task)) {
      throw new DistributedError(
        'invalid-payload',
        `no distributed task '${descriptor.task.slice(0, 100)}'`,
      );
    }
    this.sessions.set(key, descriptor);
    return descriptor;
  }

  private async openShard(
    keys: FitKeys,
    job: ShardJobData,
    descriptor: SessionDescriptor,
    index: number,
  ): Promise<ShardState> {
    const adapter = distributedTasks.get(descriptor.task);
    if (adapter === undefined) throw new DistributedError('invalid-payload', 'unknown task');
    const { start, end } = shardAt(descriptor, index);
    const rows = await this.shardRows(descriptor, job.job, start, end);
    const extras = descriptor.extras[index]
      ? await this.read(keys.shardRows(job.session, index), `shard ${index}'s rows`)
      : undefined;
    const { setup, view } = adapter.rebuild(descriptor.shared, extras, rows);
    // No digests: the coordinator never held the rows (a fit of `RemoteRows`).
    if (descriptor.digests.length > 0 && digestRows(view) !== descriptor.digests[index]) {
      throw new DistributedError(
        'shard-source',
        `rows ${start}..${end} read here differ from the coordinator's (a source changed, or is another file)`,
      );
    }
    const local: Shard = { index, start: 0, end: end - start };
    const state = adapter.task.open(setup, this.context, [local], undefined);
    return { adapter, setup, state, local, applied: 0 };
  }

  /**
   * Rows `[start, end)` of one shard, as a view of its job's rows: a job's rows are read at
   * once (one pass over a CSV file, not one per shard) and kept while the files are unchanged.
   */
  private async shardRows(
    descriptor: SessionDescriptor,
    job: number,
    start: number,
    end: number,
  ): Promise<SourceRows> {
    const { dataRoot } = this.options;
    const { cols, shardRows, shardsPerJob, rows: total } = descriptor;
    const from = job * shardsPerJob * shardRows;
    const to = Math.min(total, from + shardsPerJob * shardRows);
    const identity = await datasetRowsIdentity(descriptor.parts, from, to, dataRoot);
    let rows = this.rows.get(identity);
    if (rows === undefined) {
      rows = await readDatasetRows(descriptor.parts, cols, from, to, dataRoot);
      this.rows.set(identity, rows, rows.data.byteLength);
    }
    return {
      rows: end - start,
      cols,
      data: rows.data.subarray((start - from) * cols, (end - from) * cols),
    };
  }

  private async input(
    keys: FitKeys,
    session: number,
    round: number,
    shard: ShardState,
  ): Promise<unknown> {
    const key = keys.input(session, round);
    let wire = this.inputs.get(key);
    if (wire === undefined) {
      wire = await this.read(key, `round ${round}'s input`);
      this.inputs.set(key, wire);
    }
    const { adapter, setup, state } = shard;
    adapter.checkInput(wire, setup);
    const decode = adapter.task.decode;
    if (decode === undefined) return wire;
    try {
      return decode(wire, state);
    } catch (error) {
      if (MixkitError.isInstance(error)) throw error;
      throw new DistributedError(
        'invalid-payload',
        `round ${round}'s input does not decode: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  private async read(key: string, what: string): Promise<unknown> {
    const bytes = await this.options.client.getBuffer(key);
    if (bytes === null) throw new DistributedError('shard-failed', `${what} is not in Redis (yet)`);
    return decodeWire(bytes, what, this.options.maxPayloadBytes);
  }
}
