import { planShards, type ShardPlan, type ShardTask } from '@mixkit/core';
import {
  type SilhouetteData,
  type SilhouetteScratch,
  silhouetteOfRows,
  silhouetteScratch,
} from './silhouetteRows.js';

/** One thread's silhouette state: the shared data, every row's index, its own scratch. */
export interface SilhouetteState {
  readonly data: SilhouetteData;
  readonly queries: Int32Array;
  readonly scratch: SilhouetteScratch;
}

/**
 * The silhouette of one shard of rows (`@mixkit/metrics:silhouette`): each row of the shard
 * against all n rows. A row's value depends on that row alone, so the values are the same bits
 * whichever thread computes them.
 */
export const silhouetteTask: ShardTask<SilhouetteData, null, Float64Array, SilhouetteState> = {
  name: '@mixkit/metrics:silhouette',
  open(data, _context, shards) {
    const n = data.sorted.rows;
    const queries = new Int32Array(n);
    for (let i = 0; i < n; i++) queries[i] = i;
    const rows = shards.reduce((most, shard) => Math.max(most, shard.end - shard.start), 1);
    return { data, queries, scratch: silhouetteScratch(data, rows) };
  },
  run({ data, queries, scratch }, _input, shard) {
    const out = new Float64Array(shard.end - shard.start);
    return silhouetteOfRows(data, queries, shard.start, shard.end, scratch, out, 0);
  },
};

/**
 * Shards of about 2^22 distance operations (n d per row), so an async run yields often and the
 * work splits evenly over workers.
 */
export function silhouettePlan(data: SilhouetteData): ShardPlan {
  const { rows: n, cols: d } = data.sorted;
  return planShards(n, Math.max(1, Math.min(4096, Math.floor(2 ** 22 / (2 * n * d)))));
}
