import { checkName } from '../coordinator/fitKeys.js';
import { DistributedError } from '../errors/distributedError.js';
import { integer, record } from '../tasks/payloadChecks.js';

/**
 * A shard job's data: which fit, session, round and job (a run of consecutive shards, see
 * `SessionDescriptor.shardsPerJob`); everything else is in Redis.
 */
export interface ShardJobData {
  readonly fit: string;
  readonly session: number;
  readonly round: number;
  readonly job: number;
}

/** Job data read by a worker, checked (`invalid-payload` otherwise). */
export function parseShardJobData(value: unknown): ShardJobData {
  const fields = record(value, 'the job data');
  const { fit } = fields;
  if (typeof fit !== 'string') {
    throw new DistributedError('invalid-payload', 'the job data needs a fit id');
  }
  return {
    fit: checkName(fit, 'fit'),
    session: integer(fields.session, 'session', 0, 1 << 30),
    round: integer(fields.round, 'round', 0, 1 << 30),
    job: integer(fields.job, 'job', 0, 1 << 20),
  };
}
