import { type RandomSource, randomState, type ShardPlan } from '@mixkit/core';

/**
 * The random streams of `restarts` EM restarts to run in parallel (`emRestartTask`), or
 * undefined when they should run one after the other: a single restart, a source whose state
 * cannot reach another thread, or data whose pass `plan` has several shards (there each pass
 * already keeps the workers busy). The threshold is the passes' own: a pass of one shard
 * (`shardRowsFor`: at most about 2^22 operations, e.g. 16k rows of d = 2 with k = 8) runs in
 * the fit's thread whatever the executor, so its restarts are the only parallel work
 * (tooling/bench: measured in the README).
 *
 * Streams are split off `random` in restart order, as the sequential loop splits them, so
 * restart r draws the same numbers either way, and the source ends where that loop leaves it.
 */
export function parallelRestartStates(
  random: RandomSource,
  restarts: number,
  plan: ShardPlan,
): (readonly number[])[] | undefined {
  if (restarts < 2 || plan.count > 1 || randomState(random) === undefined) return undefined;
  const states: (readonly number[])[] = [];
  for (let restart = 0; restart < restarts; restart++) {
    const state = randomState(random.split());
    if (state === undefined) throw new Error('unreachable: a split of a seeded source');
    states.push(state);
  }
  return states;
}
