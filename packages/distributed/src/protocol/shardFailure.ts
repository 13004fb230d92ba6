import { fromThreadError, type ThreadError, toThreadError } from '@mixkit/core';
import { DistributedError, type DistributedFailure } from '../errors/distributedError.js';

/**
 * A shard job's failure as BullMQ stores it (a job's `failedReason` is a string): mixkit's
 * typed errors travel as JSON so the coordinator rethrows the same type with the same fields,
 * as worker threads do (`ThreadError`), plus the distributed package's own errors.
 */
type ShardFailure =
  | { readonly mixkit: 'thread'; readonly error: ThreadError }
  | {
      readonly mixkit: 'distributed';
      readonly failure: DistributedFailure;
      readonly detail: string;
    };

/** Whether a failure will fail again on retry (bad input, a bad payload, a missing file). */
export function isPermanent(error: unknown): boolean {
  if (DistributedError.isInstance(error)) {
    return error.failure === 'invalid-payload' || error.failure === 'shard-source';
  }
  return toThreadError(error).kind !== 'other';
}

/** The string a worker fails a job with. */
export function encodeShardFailure(error: unknown): string {
  const failure: ShardFailure = DistributedError.isInstance(error)
    ? { mixkit: 'distributed', failure: error.failure, detail: error.detail }
    : { mixkit: 'thread', error: toThreadError(error) };
  return JSON.stringify(failure);
}

/** The error a failed shard job stands for, in the coordinator. */
export function decodeShardFailure(reason: string, shard: number): Error {
  let parsed: unknown;
  try {
    parsed = JSON.parse(reason);
  } catch {
    return new DistributedError('shard-failed', `shard ${shard}: ${reason.slice(0, 500)}`);
  }
  const failure = parsed as Partial<ShardFailure> | null;
  if (failure?.mixkit === 'distributed' && typeof failure.detail === 'string') {
    return new DistributedError(
      failure.failure ?? 'shard-failed',
      `shard ${shard}: ${failure.detail}`,
    );
  }
  if (failure?.mixkit === 'thread' && failure.error !== undefined) {
    return fromThreadError(failure.error, shard);
  }
  return new DistributedError('shard-failed', `shard ${shard}: ${reason.slice(0, 500)}`);
}
