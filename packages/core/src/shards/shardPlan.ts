import { assertInteger } from '../validate.js';

/**
 * How the rows of one fit are cut into shards: `count` consecutive ranges of `shardRows` rows
 * (the last one shorter). A shard is the unit of row-parallel work and the unit of reduction:
 * per-shard results are merged in shard order, so the cut must never depend on how many workers
 * run it. Fixed shards merged in a fixed order are what make a seeded fit give the same bits
 * with 0, 1, 2 or 8 workers.
 */
export interface ShardPlan {
  /** Rows of the data. */
  readonly rows: number;
  /** Rows per shard (the last shard may have fewer). */
  readonly shardRows: number;
  /** Number of shards (at least 1). */
  readonly count: number;
}

/** One shard of a plan: rows `[start, end)`, `index` in merge order. */
export interface Shard {
  /** Position in merge order, from 0. */
  readonly index: number;
  /** First row. */
  readonly start: number;
  /** One past the last row. */
  readonly end: number;
}

/** The plan cutting `rows` rows into shards of `shardRows` rows (one shard for empty data). */
export function planShards(rows: number, shardRows: number): ShardPlan {
  assertInteger(rows, 'rows', 0);
  assertInteger(shardRows, 'shardRows', 1);
  return { rows, shardRows, count: Math.max(1, Math.ceil(rows / shardRows)) };
}

/** Shard `index` of `plan`. */
export function shardAt(plan: ShardPlan, index: number): Shard {
  const start = index * plan.shardRows;
  return { index, start, end: Math.min(plan.rows, start + plan.shardRows) };
}

/**
 * Rows per shard for `rows` rows of work of about `costPerRow` floating-point operations each:
 * enough rows that a shard costs at least about 2^22 operations (a few milliseconds: posting it
 * to a worker and merging its result stay small next to it, and an async fit yields between
 * shards within its time budget), and on large data up to 2^24 operations as long as there
 * remain about 64 shards (fewer outputs to send and merge, still an even split over workers);
 * rounded up to a multiple of `align` rows (an E-step block), between 2,048 and 65,536 rows.
 * It reads only the shape of the work, never the number of workers.
 */
export function shardRowsFor(costPerRow: number, align = 1, rows = 0): number {
  const cost = Math.max(1, costPerRow);
  const target = Math.max(2 ** 22 / cost, Math.min(rows / 64, 2 ** 24 / cost));
  const clamped = Math.min(65_536, Math.max(2_048, target));
  return Math.ceil(clamped / align) * align;
}

/**
 * `shardRows` evened out: the same number of shards as `planShards(rows, shardRows)`, with the
 * rows spread over them as evenly as one size for every shard allows (`ceil(rows / count)`; the
 * last shard is shorter by less than `count` rows). A pool gives each worker a contiguous run of
 * shards, so with a short last shard the worker holding it idles at every pass while the others
 * finish: 100,000 rows in 10 shards of 10,240 put 51,200 rows on one of 2 workers and 48,800 on
 * the other; 10 shards of 10,000 put 50,000 on each. It reads only `rows` and `shardRows`, never
 * the number of workers.
 */
export function evenShardRows(rows: number, shardRows: number): number {
  const count = planShards(rows, shardRows).count;
  return Math.max(1, Math.ceil(rows / count));
}
