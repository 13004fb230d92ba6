import { type Job, type RedisOptions, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { encodeWire } from '../codec/wireCodec.js';
import { DistributedError } from '../errors/distributedError.js';
import { decodeShardFailure } from '../protocol/shardFailure.js';
import { integer, record } from '../tasks/payloadChecks.js';
import type { FitKeys } from './fitKeys.js';

/** A finished round: every shard's encoded output in shard order, or why it failed. */
export type RoundResult =
  | { readonly ok: true; readonly outputs: readonly Uint8Array[] }
  | { readonly ok: false; readonly error: Error };

/** What the coordinator's collector needs. */
export interface RoundCollectorOptions {
  readonly queue: string;
  readonly prefix: string;
  readonly connection: RedisOptions;
  readonly keys: FitKeys;
  readonly client: Redis;
  readonly maxPayloadBytes: number;
  readonly checkpointTtlMs: number;
  /** Lock of a round being collected, and how often stalled collections are looked for. */
  readonly lockDurationMs: number;
}

/**
 * The coordinator's end of BullMQ's flows: a worker on the fit's own rounds queue, where each
 * round is a parent job that BullMQ hands over once all its shard jobs are done. It gathers the
 * shards' outputs by shard, keyed by (session, round, shard), so a shard computed twice (a
 * retry after a stall) is counted once and a missing shard is an error, never a silent gap; it
 * writes the round's checkpoint before the parent completes, then wakes whoever waits on it.
 */
export class RoundCollector {
  private readonly worker: Worker;
  private readonly waiters = new Map<string, (result: RoundResult) => void>();

  constructor(private readonly options: RoundCollectorOptions) {
    this.worker = new Worker(options.queue, (job) => this.collect(job), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 1,
      lockDuration: options.lockDurationMs,
      stalledInterval: Math.max(100, Math.round(options.lockDurationMs / 2)),
    });
    // Connection trouble is watched (and bounded) by the fit itself.
    this.worker.on('error', () => {});
  }

  /** Resolves when the round's parent job has been collected by this coordinator. */
  wait(session: number, round: number): Promise<RoundResult> {
    return new Promise((resolve) => this.waiters.set(`${session}:${round}`, resolve));
  }

  forget(session: number, round: number): void {
    this.waiters.delete(`${session}:${round}`);
  }

  async close(): Promise<void> {
    await this.worker.close(true);
  }

  private async collect(job: Job): Promise<string> {
    const data = record(job.data, 'the round job');
    const session = integer(data.session, 'session', 0, 1 << 30);
    const round = integer(data.round, 'round', 0, 1 << 30);
    const count = integer(data.count, 'count', 1, 1 << 20);
    const shardsPerJob = integer(data.shardsPerJob, 'shardsPerJob', 1, 1 << 20);
    const result = await this.gather(job, session, round, count, shardsPerJob).catch(
      (error: unknown): RoundResult => ({
        ok: false,
        error: error instanceof Error ? error : new Error(String(error)),
      }),
    );
    if (result.ok) {
      const { keys, client, maxPayloadBytes, checkpointTtlMs } = this.options;
      const bytes = encodeWire(result.outputs, 'a round checkpoint', maxPayloadBytes * count);
      await client.set(keys.checkpoint(session, round), bytes, 'PX', checkpointTtlMs);
    }
    const key = `${session}:${round}`;
    this.waiters.get(key)?.(result);
    this.waiters.delete(key);
    return result.ok ? 'done' : 'failed';
  }

  private async gather(
    job: Job,
    session: number,
    round: number,
    count: number,
    shardsPerJob: number,
  ): Promise<RoundResult> {
    const { keys } = this.options;
    const failures = await job.getIgnoredChildrenFailures();
    for (const [child, reason] of Object.entries(failures)) {
      return { ok: false, error: decodeShardFailure(reason, shardsPerJob * jobOfChild(child)) };
    }
    const values = await job.getChildrenValues<unknown>();
    const outputs: (Uint8Array | undefined)[] = new Array(count).fill(undefined);
    for (const [child, value] of Object.entries(values)) {
      const fields = record(value, 'a job result');
      const index = integer(fields.job, 'job', 0, Math.ceil(count / shardsPerJob) - 1);
      if (!child.endsWith(`:${keys.shardJob(session, round, index)}`)) {
        throw new DistributedError('invalid-payload', `result of ${child} claims job ${index}`);
      }
      const first = index * shardsPerJob;
      const shards = Math.min(count, first + shardsPerJob) - first;
      const encoded = fields.outputs;
      if (!Array.isArray(encoded) || encoded.length !== shards) {
        throw new DistributedError('invalid-payload', `job ${index} returned no ${shards} outputs`);
      }
      encoded.forEach((output, s) => {
        if (typeof output !== 'string') {
          throw new DistributedError(
            'invalid-payload',
            `job ${index} returned a non-string output`,
          );
        }
        // Keyed by shard: a job that ran twice (a retry) fills the same places with the same bytes.
        outputs[first + s] = Buffer.from(output, 'base64');
      });
    }
    const missing = outputs.indexOf(undefined);
    if (missing !== -1) {
      return {
        ok: false,
        error: new DistributedError(
          'shard-failed',
          `round ${round} has no output for shard ${missing}`,
        ),
      };
    }
    return { ok: true, outputs: outputs.filter((output) => output !== undefined) };
  }
}

/** The job index at the end of a child job key (`<prefix>:<queue>:<fit>.<s>.<r>.<job>`). */
function jobOfChild(child: string): number {
  return Number(child.slice(child.lastIndexOf('.') + 1));
}
