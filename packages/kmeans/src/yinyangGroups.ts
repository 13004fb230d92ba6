import type { Matrix } from '@mixkit/core';
import { squaredDistance } from '@mixkit/linalg';

/** Lloyd iterations over the centres that form the groups (Ding et al. 2015 use 5). */
const GROUPING_ITERATIONS = 5;

/** The centres split into groups: group g holds `members[start[g] .. start[g + 1])`. */
export interface CenterGroups {
  /** Number of groups t. */
  readonly count: number;
  /** t + 1 offsets into `members`. */
  readonly start: Int32Array;
  /** The k centre indices, group by group, ascending within a group. */
  readonly members: Int32Array;
  /** The group of each centre (k). */
  readonly groupOf: Int32Array;
}

/**
 * Groups the k initial centres into t groups of nearby centres, as Yinyang k-means does (Ding et
 * al. 2015, "Yinyang K-Means: A Drop-In Replacement of the Classic K-Means with Consistent
 * Speedup", ICML, §3.1): a few Lloyd iterations over the centres themselves, started from t of
 * them evenly spaced by index (deterministic: no random draw, so every shard and every worker
 * forms the same groups). A group that empties keeps its seed centre. The groups stay fixed for
 * the run; only their bounds move.
 */
export function groupCenters(C: Matrix, t: number): CenterGroups {
  const { rows: k, cols: d, data: c } = C;
  const count = Math.max(1, Math.min(t, k));
  const seeds = new Float64Array(count * d);
  for (let g = 0; g < count; g++) {
    const j = Math.floor((g * k) / count);
    seeds.set(c.subarray(j * d, j * d + d), g * d);
  }
  const groupOf = new Int32Array(k);
  const sizes = new Int32Array(count);
  for (let iteration = 0; iteration < GROUPING_ITERATIONS; iteration++) {
    for (let j = 0; j < k; j++) {
      let best = 0;
      let bestValue = Number.POSITIVE_INFINITY;
      for (let g = 0; g < count; g++) {
        const value = squaredDistance(c, j * d, seeds, g * d, d);
        if (value < bestValue) {
          bestValue = value;
          best = g;
        }
      }
      groupOf[j] = best;
    }
    sizes.fill(0);
    for (let j = 0; j < k; j++) sizes[groupOf[j]]++;
    for (let g = 0; g < count; g++) {
      if (sizes[g] === 0) continue;
      seeds.fill(0, g * d, g * d + d);
    }
    for (let j = 0; j < k; j++) {
      const g = groupOf[j];
      for (let s = 0; s < d; s++) seeds[g * d + s] += c[j * d + s] / sizes[g];
    }
  }
  // Drop empty groups: renumber the others in order.
  const renumber = new Int32Array(count).fill(-1);
  let used = 0;
  for (let g = 0; g < count; g++) if (sizes[g] > 0) renumber[g] = used++;
  for (let j = 0; j < k; j++) groupOf[j] = renumber[groupOf[j]];
  const start = new Int32Array(used + 1);
  for (let j = 0; j < k; j++) start[groupOf[j] + 1]++;
  for (let g = 0; g < used; g++) start[g + 1] += start[g];
  const members = new Int32Array(k);
  const next = start.slice(0, used);
  for (let j = 0; j < k; j++) members[next[groupOf[j]]++] = j;
  return { count: used, start, members, groupOf };
}
