import { isSharedMemory, type Matrix, type ShardTask, shardRowsFor } from '@mixkit/core';
import type { ScaledFrame } from '../internal/scaledFrame.js';
import { labelRows } from '../labelRows.js';

/** What every thread labelling rows reads: the data, the frame and the centers. */
export interface LabelSetup {
  readonly X: Matrix;
  /** The frame fitting used: rows are multiplied by `scale`, then `offset` is subtracted. */
  readonly frame: Pick<ScaledFrame, 'scale' | 'offset'>;
  readonly centers: Matrix;
  readonly centerNorms: Float64Array;
  /** Every row's label and squared distance to its center, written in place by its shard. */
  readonly labels: Int32Array;
  readonly squared: Float64Array;
}

/** What one shard gives back when its thread could not write to shared memory. */
export interface LabelOutput {
  readonly labels: Int32Array | undefined;
  readonly squared: Float64Array | undefined;
}

/**
 * The nearest center of every row of one shard (`@mixkit/kmeans:label`), as `labelRows`: each
 * row's label and distance depend on that row alone.
 */
export const labelTask: ShardTask<LabelSetup, null, LabelOutput, LabelSetup> = {
  name: '@mixkit/kmeans:label',
  open: (setup) => setup,
  run(setup, _input, shard) {
    const { X, frame, centers, centerNorms } = setup;
    const d = X.cols;
    const rows: Matrix = {
      rows: shard.end - shard.start,
      cols: d,
      data: X.data.subarray(shard.start * d, shard.end * d),
    };
    const labels = setup.labels.subarray(shard.start, shard.end);
    const squared = setup.squared.subarray(shard.start, shard.end);
    labelRows(rows, frame, centers, centerNorms, labels, squared);
    const shared = isSharedMemory(setup.labels);
    return shared
      ? { labels: undefined, squared: undefined }
      : { labels: labels.slice(), squared: squared.slice() };
  },
};

/** Rows per shard of a labelling pass: 2 d k work per row. */
export function labelShardRows(n: number, d: number, k: number): number {
  return shardRowsFor(2 * d * k, 1, n);
}
