import type { Matrix } from '@mixkit/core';
import { rowSquaredNorms } from '@mixkit/linalg';
import { assignNearest } from './assign.js';

/** Scratch buffers for `miniBatchStep`, allocated once per fit. */
export interface MiniBatchScratch {
  readonly labels: Int32Array;
  readonly squared: Float64Array;
  readonly distances: Float64Array;
  readonly batchNorms: Float64Array;
  readonly centerNorms: Float64Array;
  readonly sums: Float64Array;
  readonly batchWeights: Float64Array;
}

/** Buffers for batches of up to `batchSize` rows, `k` centers, `d` columns. */
export function createMiniBatchScratch(batchSize: number, k: number, d: number): MiniBatchScratch {
  return {
    labels: new Int32Array(batchSize),
    squared: new Float64Array(batchSize),
    distances: new Float64Array(Math.min(256, batchSize) * k),
    batchNorms: new Float64Array(batchSize),
    centerNorms: new Float64Array(k),
    sums: new Float64Array(k * d),
    batchWeights: new Float64Array(k),
  };
}

/**
 * One mini-batch update (Sculley 2010, "Web-scale k-means clustering", Algorithm 1, in its
 * order-free batch form as scikit-learn's `_minibatch_update_dense`): every batch row goes to its
 * nearest center; then each center that received weight W_b with weighted sum S_b moves to
 * (c·N + S_b) / (N + W_b), N being the total weight it has absorbed so far (`counts`). That is a
 * per-center learning rate η = W_b / (N + W_b), decaying as 1/N. Updates `centers` and `counts`
 * in place and returns the batch's weighted inertia under the centers before the update.
 *
 * `batch` rows [0, rows) are used; `weights[r]` is row r's weight.
 */
export function miniBatchStep(
  batch: Matrix,
  rows: number,
  weights: Float64Array,
  centers: Matrix,
  counts: Float64Array,
  scratch: MiniBatchScratch,
): number {
  const d = batch.cols;
  const k = centers.rows;
  const { labels, squared, distances, batchNorms, centerNorms, sums, batchWeights } = scratch;
  rowSquaredNorms(batch, batchNorms);
  rowSquaredNorms(centers, centerNorms);
  labels.fill(-1, 0, rows);
  assignNearest(batch, 0, rows, centers, batchNorms, centerNorms, distances, labels, squared);
  sums.fill(0);
  batchWeights.fill(0);
  const x = batch.data;
  let inertia = 0;
  for (let r = 0; r < rows; r++) {
    const w = weights[r];
    const a = labels[r];
    inertia += w * squared[r];
    batchWeights[a] += w;
    for (let j = 0; j < d; j++) sums[a * d + j] += x[r * d + j] * w;
  }
  const c = centers.data;
  for (let a = 0; a < k; a++) {
    const added = batchWeights[a];
    if (added === 0) continue;
    const before = counts[a];
    const total = before + added;
    for (let j = 0; j < d; j++) {
      c[a * d + j] = (c[a * d + j] * before + sums[a * d + j]) / total;
    }
    counts[a] = total;
  }
  return inertia;
}
