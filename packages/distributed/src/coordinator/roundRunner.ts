import { AbortedError, MixkitError } from '@mixkit/core';
import type { FlowProducer, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { decodeWire } from '../codec/wireCodec.js';
import { DistributedError } from '../errors/distributedError.js';
import type { ConnectionWatch } from './connectionWatch.js';
import type { FitKeys } from './fitKeys.js';
import type { RoundCollector, RoundResult } from './roundCollector.js';

/** What a coordinator's rounds run on, and their limits. */
export interface RoundRunnerParts {
  readonly client: Redis;
  readonly flows: FlowProducer;
  readonly rounds: Queue;
  readonly collector: RoundCollector;
  readonly watch: ConnectionWatch;
  readonly keys: FitKeys;
  readonly shardQueue: string;
  readonly attempts: number;
  readonly roundTimeoutMs: number;
  readonly reconnectTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly checkpointTtlMs: number;
}

/** Counts of what a coordinator did, for tests, benchmarks and logs. */
export interface RoundCounts {
  /** Rounds sent to the workers as a flow. */
  dispatched: number;
  /** Rounds answered from a checkpoint (a resumed fit's completed iterations). */
  fromCheckpoint: number;
  /** Bytes stored in Redis for the workers: sessions' setups, per-shard rows, rounds' inputs. */
  bytesSent: number;
  /** Bytes of shard outputs read back from Redis (encoded, before decoding), all rounds. */
  bytesReceived: number;
}

/** How often a waiting round checks its deadlines and the connection. */
const tickMs = 100;

/**
 * Runs one round (one iteration's map) to its outputs: from its checkpoint when a previous
 * incarnation of the fit completed it, else as a BullMQ flow (one parent job, one child per
 * shard, ids derived from (fit, session, round, shard), so submitting twice adds nothing),
 * waiting for the collector with bounded patience: `round-timeout` after `roundTimeoutMs`,
 * `redis-lost` once Redis has been gone for `reconnectTimeoutMs`. When the connection comes back
 * it resubmits what Redis may have lost (`restore`) and the flow if it is gone.
 */
export class RoundRunner {
  readonly counts: RoundCounts = {
    dispatched: 0,
    fromCheckpoint: 0,
    bytesSent: 0,
    bytesReceived: 0,
  };

  constructor(private readonly parts: RoundRunnerParts) {}

  async run(
    session: number,
    round: number,
    count: number,
    shardsPerJob: number,
    restore: () => Promise<void>,
    signal: AbortSignal | undefined,
  ): Promise<unknown[]> {
    const { collector, watch, roundTimeoutMs } = this.parts;
    const deadline = Date.now() + roundTimeoutMs;
    let result: RoundResult | undefined;
    const waiting = collector.wait(session, round).then((done) => {
      result = done;
    });
    let submitted = -1;
    let dispatched = false;
    try {
      while (result === undefined) {
        if (signal?.aborted) throw new AbortedError('the distributed round', signal.reason);
        this.checkConnection();
        if (Date.now() > deadline) {
          throw new DistributedError(
            'round-timeout',
            `round ${round} of session ${session} did not finish within ${roundTimeoutMs} ms (are workers serving the queue '${this.parts.shardQueue}'?)`,
          );
        }
        if (submitted !== watch.generation && watch.downFor() === 0) {
          try {
            if (submitted !== -1) await restore();
            const checkpoint = await this.checkpoint(session, round, count);
            if (checkpoint !== undefined) {
              this.counts.fromCheckpoint++;
              return checkpoint;
            }
            dispatched = (await this.submit(session, round, count, shardsPerJob)) || dispatched;
            submitted = watch.generation;
          } catch (error) {
            if (DistributedError.isInstance(error)) throw error;
            // A command lost to a dropped connection: try again once it is back.
          }
        }
        await Promise.race([waiting, sleep(tickMs)]);
      }
    } finally {
      collector.forget(session, round);
    }
    if (dispatched) this.counts.dispatched++;
    if (!result.ok) throw result.error;
    return this.decode(result.outputs);
  }

  /**
   * Runs a Redis operation, trying again while the connection is down, up to the reconnect
   * window (then `redis-lost`); mixkit's own errors pass through at once.
   */
  async patiently<T>(operation: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (MixkitError.isInstance(error)) throw error;
        this.checkConnection();
        await sleep(tickMs);
      }
    }
  }

  /** Throws `redis-lost` once Redis has been gone for longer than the reconnect window. */
  private checkConnection(): void {
    const { watch, reconnectTimeoutMs } = this.parts;
    if (watch.downFor() > reconnectTimeoutMs) {
      throw new DistributedError(
        'redis-lost',
        `Redis has been unreachable for ${watch.downFor()} ms (reconnect window ${reconnectTimeoutMs} ms)`,
      );
    }
  }

  /** The round's outputs from its checkpoint, or undefined when it has none. */
  private async checkpoint(
    session: number,
    round: number,
    count: number,
  ): Promise<unknown[] | undefined> {
    const { client, keys, maxPayloadBytes } = this.parts;
    const stored = await client.getBuffer(keys.checkpoint(session, round));
    if (stored === null) return undefined;
    const outputs = decodeWire(stored, 'a round checkpoint', maxPayloadBytes * count);
    if (!Array.isArray(outputs) || outputs.length !== count || !outputs.every(isBytes)) {
      throw new DistributedError('invalid-payload', `checkpoint of round ${round} is malformed`);
    }
    return this.decode(outputs);
  }

  private decode(outputs: readonly Uint8Array[]): unknown[] {
    return outputs.map((bytes, shard) => {
      this.counts.bytesReceived += bytes.byteLength;
      return decodeWire(bytes, `shard ${shard}'s output`, this.parts.maxPayloadBytes);
    });
  }

  /** Adds the round's flow unless its parent job exists already; true when it added it. */
  private async submit(
    session: number,
    round: number,
    count: number,
    shardsPerJob: number,
  ): Promise<boolean> {
    const { flows, rounds, keys, shardQueue, attempts, checkpointTtlMs } = this.parts;
    const parentId = keys.roundJob(session, round);
    if ((await rounds.getJob(parentId)) !== undefined) return false;
    const fit = keys.fit;
    await flows.add({
      name: 'round',
      queueName: rounds.name,
      data: { fit, session, round, count, shardsPerJob },
      opts: { jobId: parentId, removeOnComplete: true, removeOnFail: true },
      children: Array.from({ length: Math.ceil(count / shardsPerJob) }, (_, job) => ({
        name: 'shards',
        queueName: shardQueue,
        data: { fit, session, round, job },
        opts: {
          jobId: keys.shardJob(session, round, job),
          attempts,
          backoff: { type: 'fixed', delay: 200 },
          ignoreDependencyOnFailure: true,
          removeOnComplete: true,
          removeOnFail: { age: Math.ceil(checkpointTtlMs / 1000) },
        },
      })),
    });
    return true;
  }
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
