import {
  type RandomSource,
  type RestartPlacement,
  randomFromState,
  randomState,
  type ShardPlan,
} from '@mixkit/core';

/**
 * With `'auto'`, restarts go to the workers only when those left after the first would take at
 * least this long in the calling thread (the first restart's time, times the restarts left).
 * Sending them costs a session (setup shared, state built in each worker, a message each way),
 * about 4-5 ms on 2 workers. In one interleaved run (load 8 on 2 cores, d = 2, k = 5, nInit 8,
 * every restart sent), 2 workers took 1.71x the in-thread time for k-means fits of 3-7 ms, 0.78x
 * at 23 ms and 0.80x at 67 ms; for full GMMs, 1.15x at 8 ms, 0.63x at 29 ms, 0.61x at 74 ms.
 */
export const PARALLEL_RESTARTS_MIN_MS = 20;

/**
 * Whether the restarts from `restart` on go to the workers now: all of them for `'parallel'`;
 * for `'auto'`, those after restart 0 once it took `elapsedMs` here and the rest would take at
 * least `PARALLEL_RESTARTS_MIN_MS` at that pace.
 */
export function sendRest(
  placement: RestartPlacement,
  restart: number,
  elapsedMs: number,
  restarts: number,
): boolean {
  if (placement === 'parallel') return restart === 0;
  return (
    placement === 'auto' && restart === 1 && elapsedMs * (restarts - 1) >= PARALLEL_RESTARTS_MIN_MS
  );
}

/** Milliseconds from a monotonic clock where there is one. */
export function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

/** Restart r's stream from `parallelRestartStates`. */
export function restartStream(
  states: readonly (readonly number[])[],
  restart: number,
): RandomSource {
  const state = states[restart];
  if (state === undefined) throw new RangeError(`no random stream for restart ${restart}`);
  return randomFromState(state);
}

/**
 * The random streams of `restarts` EM restarts to run in parallel (`emRestartTask`), or
 * undefined when they should run one after the other: a single restart, a source whose state
 * cannot reach another thread, or data whose pass `plan` has several shards (there each pass
 * already keeps the workers busy). The threshold is the passes' own: a pass of one shard
 * (`shardRowsFor`: at most about 2^22 operations, e.g. 16k rows of d = 2 with k = 8) runs in
 * the fit's thread whatever the executor, so its restarts are the only parallel work
 * (tooling/bench: measured in the README).
 *
 * With `'auto'`, restart 0 runs in the calling thread, timed, and the rest follow it there
 * unless `sendRest`: the path depends on the clock, the result never does.
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
