import { type AnyComponentFamily, type Matrix, planShards, shardAt } from '@mixkit/core';
import { kernelScratchBeside } from '@mixkit/linalg';
import { emShardRows } from '../run/emShardRows.js';

/**
 * `family`'s statistics of every row of X, weighted by `sampleWeight` (or 1), summed shard by
 * shard over the EM pass's shards (`emShardRows` of a mixture of `k` components) and merged in
 * shard order: the same bits as the workers' `emDataTask` outputs merged by a fit whose rows
 * live elsewhere.
 */
export function wholeDataStats(
  family: AnyComponentFamily,
  X: Matrix,
  sampleWeight: Float64Array | undefined,
  blockSize: number,
  k: number,
): unknown {
  const { rows: n, cols: d } = X;
  const plan = planShards(n, emShardRows({ n, d, k, blockSize }));
  let stats = family.createStats(d);
  for (let s = 0; s < plan.count; s++) {
    const { start, end } = shardAt(plan, s);
    const weights = sampleWeight?.subarray(start, end);
    stats = family.merge(stats, shardDataStats(family, X, start, end, weights, blockSize));
  }
  return stats;
}

/**
 * `family`'s statistics of rows [start, end) of X, weighted by `weights` (indexed from `start`;
 * undefined: 1 each), from empty statistics: one shard's part of `wholeDataStats`.
 */
export function shardDataStats(
  family: AnyComponentFamily,
  X: Matrix,
  start: number,
  end: number,
  weights: Float64Array | undefined,
  blockSize: number,
): unknown {
  const stats = family.createStats(X.cols);
  if (weights !== undefined) return family.accumulate(stats, X, start, end, weights, 0, 1);
  // Unit weights, a block at a time (some kernels reject a broadcasting stride of 0). On data
  // prepared in kernel memory the ones go in the scratch beside the rows, so the families'
  // WebAssembly kernels take the block (same bits as the JavaScript loops, which would
  // otherwise run here: at d = 32 to 128 a tenth of a warm 5-iteration fit, and in a fresh
  // process unoptimised until V8 tiers them up). Nothing else uses the scratch meanwhile: this
  // loop is synchronous and the E-step's block is not live between passes.
  const length = Math.max(1, Math.min(blockSize, end - start));
  const ones = (kernelScratchBeside(X.data, length) ?? new Float64Array(length)).fill(1);
  let sum = stats;
  for (let from = start; from < end; from += ones.length) {
    sum = family.accumulate(sum, X, from, Math.min(from + ones.length, end), ones, 0, 1);
  }
  return sum;
}
