import type { DataSource, DatasetPart } from '../data/dataSource.js';
import { DistributedError } from '../errors/distributedError.js';
import { integer, oneOf, record } from '../tasks/payloadChecks.js';

/**
 * What a coordinator stores once per session for the workers: the task by name, the travelling
 * part of its setup, the shard plan, where the rows are, and a digest of every shard's rows as
 * the task reads them (a worker whose rebuilt rows differ refuses to run).
 */
export interface SessionDescriptor {
  readonly task: string;
  readonly shared: unknown;
  readonly cumulative: boolean;
  readonly rows: number;
  readonly cols: number;
  readonly shardRows: number;
  readonly count: number;
  /** Consecutive shards one job runs (its rows read at once; outputs still one per shard). */
  readonly shardsPerJob: number;
  readonly parts: readonly DatasetPart[];
  /**
   * Hex SHA-256 of each shard's rows as the task reads them; empty when the coordinator does not
   * hold the rows (a fit of `RemoteRows`): the workers' rows are then not checked.
   */
  readonly digests: readonly string[];
  /** Whether shard s has per-row values besides the data (stored under its own key). */
  readonly extras: readonly boolean[];
}

/** Bounds on what a descriptor may ask of a worker. */
const maxShards = 1 << 20;
const maxParts = 1 << 16;
const maxCols = 1 << 16;

/** A descriptor read from Redis, checked field by field (`invalid-payload` otherwise). */
export function parseSessionDescriptor(value: unknown): SessionDescriptor {
  const fields = record(value, 'the session');
  const { task, shared, cumulative, parts, digests, extras } = fields;
  if (typeof task !== 'string' || typeof cumulative !== 'boolean') {
    throw new DistributedError('invalid-payload', 'the session needs a task name and cumulative');
  }
  const rows = integer(fields.rows, 'rows', 0, Number.MAX_SAFE_INTEGER);
  const cols = integer(fields.cols, 'cols', 1, maxCols);
  const shardRows = integer(fields.shardRows, 'shardRows', 1, Number.MAX_SAFE_INTEGER);
  const count = integer(fields.count, 'count', 1, maxShards);
  const shardsPerJob = integer(fields.shardsPerJob, 'shardsPerJob', 1, maxShards);
  if (count !== Math.max(1, Math.ceil(rows / shardRows))) {
    throw new DistributedError('invalid-payload', 'the session plan does not cut its rows');
  }
  if (!Array.isArray(parts) || parts.length < 1 || parts.length > maxParts) {
    throw new DistributedError('invalid-payload', `the session needs 1 to ${maxParts} parts`);
  }
  const checkedParts = parts.map((part, p) => parsePart(part, p));
  if (checkedParts.reduce((sum, part) => sum + part.rows, 0) !== rows) {
    throw new DistributedError('invalid-payload', "the session's parts do not add up to its rows");
  }
  const isDigest = (digest: unknown) => typeof digest === 'string' && /^[0-9a-f]{64}$/.test(digest);
  if (
    !Array.isArray(digests) ||
    (digests.length !== count && digests.length !== 0) ||
    !digests.every(isDigest)
  ) {
    throw new DistributedError(
      'invalid-payload',
      'the session needs one digest per shard, or none',
    );
  }
  if (
    !Array.isArray(extras) ||
    extras.length !== count ||
    !extras.every((e) => typeof e === 'boolean')
  ) {
    throw new DistributedError('invalid-payload', 'the session needs one extras flag per shard');
  }
  return {
    task,
    shared,
    cumulative,
    rows,
    cols,
    shardRows,
    count,
    shardsPerJob,
    parts: checkedParts,
    digests,
    extras,
  };
}

function parsePart(value: unknown, p: number): DatasetPart {
  const fields = record(value, `part ${p}`);
  return {
    source: parseSource(fields.source, p),
    rows: integer(fields.rows, `part ${p} rows`, 0, Number.MAX_SAFE_INTEGER),
  };
}

function parseSource(value: unknown, p: number): DataSource {
  const fields = record(value, `part ${p} source`);
  const kind = oneOf(fields.kind, `part ${p} kind`, ['csv', 'f64', 'parquet'] as const);
  const { path } = fields;
  if (typeof path !== 'string' || path.length === 0 || path.length > 4_096 || path.includes('\0')) {
    throw new DistributedError('invalid-payload', `part ${p} needs a path`);
  }
  switch (kind) {
    case 'f64':
      return { kind, path };
    case 'csv': {
      const { header, delimiter } = fields;
      if (header !== undefined && typeof header !== 'boolean') {
        throw new DistributedError('invalid-payload', `part ${p} header must be a boolean`);
      }
      if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1)) {
        throw new DistributedError('invalid-payload', `part ${p} delimiter must be one character`);
      }
      return {
        kind,
        path,
        ...(header === undefined ? {} : { header }),
        ...(delimiter === undefined ? {} : { delimiter }),
      };
    }
    case 'parquet': {
      const { columns } = fields;
      if (columns === undefined) return { kind, path };
      if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
        throw new DistributedError('invalid-payload', `part ${p} columns must be names`);
      }
      return { kind, path, columns };
    }
  }
}
