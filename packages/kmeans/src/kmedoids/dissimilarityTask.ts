import {
  isSharedMemory,
  type Matrix,
  planShards,
  type ShardPlan,
  type ShardTask,
} from '@mixkit/core';
import { dissimilarities } from './dissimilarities.js';
import type { KMedoidsMetric } from './kmedoidsOptions.js';

/** The rows whose dissimilarities every thread computes, and where they go. */
export interface DissimilaritySetup {
  readonly X: Matrix;
  readonly metric: Exclude<KMedoidsMetric, 'precomputed'>;
  /** The n x n matrix, rows written in place by their shards. */
  readonly D: Float64Array;
}

/**
 * The rows of the n x n dissimilarity matrix for one shard of rows
 * (`@mixkit/kmeans:dissimilarities`), each entry as `dissimilarities` computes it. Returns the
 * shard's rows when its thread could not write to shared memory.
 */
export const dissimilarityTask: ShardTask<
  DissimilaritySetup,
  null,
  Float64Array | undefined,
  DissimilaritySetup
> = {
  name: '@mixkit/kmeans:dissimilarities',
  open: (setup) => setup,
  run({ X, metric, D }, _input, shard) {
    const d = X.cols;
    const n = X.rows;
    const rows: Matrix = {
      rows: shard.end - shard.start,
      cols: d,
      data: X.data.subarray(shard.start * d, shard.end * d),
    };
    const block = dissimilarities(rows, X, metric);
    if (!isSharedMemory(D)) return block;
    D.set(block, shard.start * n);
    return undefined;
  },
};

/** Shards of about 2^22 operations (n d per row). */
export function dissimilarityPlan(X: Matrix): ShardPlan {
  const { rows: n, cols: d } = X;
  return planShards(n, Math.max(1, Math.floor(2 ** 22 / (2 * n * Math.max(1, d)))));
}
