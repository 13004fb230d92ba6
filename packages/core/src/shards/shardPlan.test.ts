import { describe, expect, it } from 'vitest';
import { evenShardRows, planShards, shardAt } from './shardPlan.js';

describe('evenShardRows', () => {
  it('keeps the shard count of planShards and spreads the rows evenly (gmm-medium: 10 x 10,000)', () => {
    expect(planShards(100_000, 10_240).count).toBe(10);
    expect(evenShardRows(100_000, 10_240)).toBe(10_000);
  });

  it('for every shape: same count, every shard but the last full, the last shorter by < count rows', () => {
    for (const rows of [0, 1, 2, 7, 999, 1_000, 1_001, 65_537, 100_000, 1_000_003]) {
      for (const shardRows of [1, 3, 1_024, 10_240, 65_536]) {
        if (shardRows < 1_024 && rows > 100_000) continue;
        const base = planShards(rows, shardRows);
        const even = planShards(rows, evenShardRows(rows, shardRows));
        expect(even.count).toBe(base.count);
        let total = 0;
        let fullBeforeLast = true;
        for (let shard = 0; shard < even.count; shard++) {
          const { start, end } = shardAt(even, shard);
          total += end - start;
          if (shard < even.count - 1 && end - start !== even.shardRows) fullBeforeLast = false;
        }
        expect(total).toBe(rows);
        expect(fullBeforeLast).toBe(true);
        const lastShard = shardAt(even, even.count - 1);
        const last = lastShard.end - lastShard.start;
        // Empty data: one empty shard.
        if (rows > 0) expect(even.shardRows - last).toBeLessThan(even.count);
        expect(even.shardRows).toBeLessThanOrEqual(Math.max(1, shardRows));
      }
    }
  });
});
