import { planShards, type RandomSource, randomState } from '@mixkit/core';
import { kmeansShardRows } from './shards/assignTask.js';

/**
 * The random streams of `restarts` restarts to run in parallel (`restartTask`), or undefined
 * when they should run one after the other: a single restart, a source whose state cannot
 * reach another thread, or data large enough that its passes are cut into several shards
 * (there, each pass already keeps the workers busy; restarts in parallel would also hold one
 * copy of the per-row state per restart). The threshold is the passes' own: data whose pass
 * is one shard (n <= `kmeansShardRows`, at least 16,384 rows) runs each pass in the fit's
 * thread whatever the executor, so there restarts are the only parallel work
 * (tooling/bench `kmeans-restarts`: measured in the package README).
 *
 * Streams are split off `random` in restart order, as the sequential loop splits them, so
 * restart r draws the same numbers in either case; the source is left where that loop leaves it.
 */
export function parallelRestartStates(
  random: RandomSource,
  restarts: number,
  n: number,
  d: number,
  k: number,
): (readonly number[])[] | undefined {
  if (restarts < 2 || randomState(random) === undefined) return undefined;
  if (planShards(n, kmeansShardRows(n, d, k)).count > 1) return undefined;
  const states: (readonly number[])[] = [];
  for (let restart = 0; restart < restarts; restart++) {
    const state = randomState(random.split());
    if (state === undefined) throw new Error('unreachable: a split of a seeded source');
    states.push(state);
  }
  return states;
}
