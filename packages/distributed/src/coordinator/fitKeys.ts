import { DistributedError } from '../errors/distributedError.js';

/** Fit ids and queue names: letters, digits, `_` and `-` (they become Redis keys). */
const namePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** `name`, checked to be a valid fit id or queue name. */
export function checkName(name: string, what: string): string {
  if (!namePattern.test(name)) {
    throw new DistributedError(
      'invalid-payload',
      `${what} must be 1 to 64 letters, digits, '_' or '-', got '${name.slice(0, 80)}'`,
    );
  }
  return name;
}

/**
 * The Redis keys of one fit besides BullMQ's own: session setups, their per-shard rows, round
 * inputs and round checkpoints (the outputs of every completed round, in shard order). They
 * all start with `<prefix>:fit:<fit>:` so `clear` removes a fit at once.
 */
export class FitKeys {
  readonly root: string;

  constructor(
    prefix: string,
    readonly fit: string,
  ) {
    this.root = `${prefix}:fit:${fit}`;
  }

  session(session: number): string {
    return `${this.root}:session:${session}`;
  }

  shardRows(session: number, shard: number): string {
    return `${this.root}:session:${session}:rows:${shard}`;
  }

  input(session: number, round: number): string {
    return `${this.root}:input:${session}:${round}`;
  }

  checkpoint(session: number, round: number): string {
    return `${this.root}:done:${session}:${round}`;
  }

  /** BullMQ job ids (no ':' allowed there): a round's parent job and its shards' children. */
  roundJob(session: number, round: number): string {
    return `${this.fit}.${session}.${round}`;
  }

  shardJob(session: number, round: number, job: number): string {
    return `${this.fit}.${session}.${round}.${job}`;
  }
}
