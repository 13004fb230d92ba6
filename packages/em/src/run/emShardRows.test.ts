import { planShards, shardAt } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { emShardRows } from './emShardRows.js';

describe('emShardRows', () => {
  it("gives gmm-medium's 100,000 rows 10 even shards of 10,000 (2 workers: 50,000 rows each)", () => {
    const shardRows = emShardRows({ n: 100_000, k: 8, d: 10, blockSize: 1024 });
    expect(shardRows).toBe(10_000);
    const plan = planShards(100_000, shardRows);
    const rowsOf = (from: number, to: number) =>
      shardAt(plan, to - 1).end - shardAt(plan, from).start;
    expect([rowsOf(0, 5), rowsOf(5, 10)]).toEqual([50_000, 50_000]);
  });

  it('keeps one shard for data smaller than a shard', () => {
    expect(planShards(3_000, emShardRows({ n: 3_000, k: 3, d: 2, blockSize: 1024 })).count).toBe(1);
  });
});
