import { createRandom } from '@mixkit/core';
import { describe, expect, it } from 'vitest';
import { mergeWorstRows, selectWorstRows } from './worstRows.js';

/** The rows repeated full scans pick (lowest score, first index on ties, positive weight). */
function scanPicks(scores: Float64Array, weights: Float64Array | undefined, count: number) {
  const used = new Set<number>();
  const picks: number[] = [];
  for (let pick = 0; pick < count; pick++) {
    let best = -1;
    for (let i = 0; i < scores.length; i++) {
      if (weights !== undefined && !(weights[i] > 0)) continue;
      if (used.has(i)) continue;
      if (best < 0 || scores[i] < scores[best]) best = i;
    }
    if (best < 0) break;
    used.add(best);
    picks.push(best);
  }
  return picks;
}

describe('worst rows', () => {
  it('per-shard picks merged in shard order equal repeated scans over every row', () => {
    const random = createRandom(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + random.integer(60);
      // Few distinct values, so ties (within and across shards) are common; some -Infinity.
      const scores = Float64Array.from({ length: n }, () =>
        random.uniform() < 0.05 ? -Infinity : -random.integer(6),
      );
      const weights =
        trial % 2 === 0
          ? undefined
          : Float64Array.from({ length: n }, () => (random.uniform() < 0.3 ? 0 : 1));
      const count = 1 + random.integer(8);
      const shardRows = 1 + random.integer(12);
      const perShard = [];
      for (let start = 0; start < n; start += shardRows) {
        perShard.push(
          selectWorstRows(scores, start, Math.min(start + shardRows, n), weights, count),
        );
      }
      const merged = mergeWorstRows(perShard, shardRows, count);
      const expected = scanPicks(scores, weights, count);
      expect(Array.from(merged.rows)).toEqual(expected);
      expect(Array.from(merged.scores)).toEqual(expected.map((i) => scores[i]));
    }
  });

  it('sends at most `count` rows per shard, none of zero weight', () => {
    const scores = Float64Array.from([-1, -9, -3, -9, -2, -7]);
    const weights = Float64Array.from([1, 0, 1, 1, 1, 1]);
    const worst = selectWorstRows(scores, 1, 6, weights, 2);
    // Rows 3 (-9) and 5 (-7) as offsets from row 1; row 1 (-9) weighs 0.
    expect(Array.from(worst.rows)).toEqual([2, 4]);
    expect(Array.from(worst.scores)).toEqual([-9, -7]);
    expect(selectWorstRows(scores, 0, 6, weights, 0).rows.length).toBe(0);
  });
});
