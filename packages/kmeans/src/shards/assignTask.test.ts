import { inThreadContext, type Matrix, planShards, shardAt } from '@mixkit/core';
import { makeBlobs } from '@mixkit/datasets';
import { rowSquaredNorms } from '@mixkit/linalg';
import { describe, expect, it } from 'vitest';
import { prepareKmeansData } from '../kmeansData.js';
import { type AssignSetup, assignTask, kmeansShardRows } from './assignTask.js';

/** 40,000 x 24 in 4 clusters, far from the origin (a centered copy), and 4 initial centres. */
const { X } = makeBlobs({ nSamples: 40_000, centers: 4, nFeatures: 24, random: 3 });
const far: Matrix = { rows: X.rows, cols: X.cols, data: X.data.map((v) => v + 50) };

describe('assignTask', () => {
  it("puts the searches of one thread's shards in one kernel memory: the same labels and sums as a memory per shard", () => {
    const data = prepareKmeansData(far);
    const n = far.rows;
    const d = far.cols;
    const k = 12;
    const plan = planShards(n, kmeansShardRows(n, d, k));
    expect(plan.count).toBeGreaterThanOrEqual(2);
    const shards = Array.from({ length: plan.count }, (_, s) => shardAt(plan, s));
    const setup = (labels: Int32Array): AssignSetup => ({
      X: data.X,
      scaleExponent: 0,
      offset: data.frame.offset,
      weights: data.weights,
      xNorms: data.xNorms,
      labels,
      algorithm: 'hamerly',
      k,
    });
    const centers: Matrix = { rows: k, cols: d, data: data.X.data.slice(0, k * d) };
    const input = {
      centers: centers.data,
      centerNorms: rowSquaredNorms(centers),
      reset: true,
      shifts: undefined,
      assign: true,
      inertia: true,
    };
    // One open for all shards (one thread), against one open per shard.
    const togetherLabels = new Int32Array(n);
    const together = assignTask.open(setup(togetherLabels), inThreadContext, shards, undefined);
    const buffers = new Set(
      [...together.shards.values()].map((state) =>
        state.input.algorithm === 'elkan' ? undefined : state.input.data.nearest.rowNorms.buffer,
      ),
    );
    expect(buffers.size).toBe(1);
    const apartLabels = new Int32Array(n);
    const apart = shards.map((shard) =>
      assignTask.open(setup(apartLabels), inThreadContext, [shard], undefined),
    );
    const outputs = shards.map((shard, s) => [
      assignTask.run(together, input, shard),
      assignTask.run(apart[s], input, shard),
    ]);
    for (const [a, b] of outputs) {
      expect(Array.from(a.sums)).toEqual(Array.from(b.sums));
      expect(a.inertia).toBe(b.inertia);
      expect(a.changed).toBe(b.changed);
    }
    expect(Array.from(togetherLabels)).toEqual(Array.from(apartLabels));
    expect(new Set(togetherLabels).size).toBeGreaterThan(1);
  });
});
