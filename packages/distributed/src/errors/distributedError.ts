import { MixkitError } from '@mixkit/core';

const marker = 'mixkit.error.DistributedError';
const symbol = Symbol.for(marker);

/**
 * What went wrong in a distributed fit:
 * - `redis-unreachable`: no answer from Redis when the fit or the worker started;
 * - `redis-auth`: Redis answered but refused the user name or password;
 * - `redis-lost`: Redis went away mid-fit and did not come back within the reconnect window;
 * - `round-timeout`: an iteration's shards were not all done within the round's time limit;
 * - `invalid-payload`: a job, a session, an input or an output was malformed, too large, or named
 *   something not in the registry (a worker rejects it and keeps serving);
 * - `shard-source`: a worker could not read its shard, or read rows that differ from the
 *   coordinator's (the file changed, or is not the same file);
 * - `checkpoint-mismatch`: a resumed fit asked for other work than the checkpoint holds (other
 *   data or options under the same fit id);
 * - `shard-failed`: a shard job failed for good after its retries (the detail says why).
 */
export type DistributedFailure =
  | 'redis-unreachable'
  | 'redis-auth'
  | 'redis-lost'
  | 'round-timeout'
  | 'invalid-payload'
  | 'shard-source'
  | 'checkpoint-mismatch'
  | 'shard-failed';

/** The typed error of `@mixkit/distributed`: a coordinator's or a worker's failure. */
export class DistributedError extends MixkitError {
  /** Brand checked by `isInstance` across copies of this package (see `MixkitError`). */
  readonly [symbol] = true;

  constructor(
    /** Which kind of failure this is (see `DistributedFailure`): what a caller branches on. */
    readonly failure: DistributedFailure,
    /** What happened, for people: the message after the `failure: ` prefix. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super('DistributedError', `${failure}: ${detail}`, options);
  }

  static override isInstance(error: unknown): error is DistributedError {
    return MixkitError.hasMarker(error, marker);
  }
}
