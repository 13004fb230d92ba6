import { type RandomSource, randomFromState, randomState } from '../random.js';

/**
 * Where a fit with several restarts runs them: `'sequential'`, one after the other in the fit's
 * program (each one's passes on the executor); `'parallel'`, whole restarts as shards of a
 * restart task (one restart per worker) whenever the fit allows it (seeded source, built-in
 * initialisation, passes of one shard); `'auto'`, like `'parallel'` but only once the first
 * restart, timed in the calling thread, shows the others take long enough (20 ms) to be worth
 * sending. Results are the same bits in every case. Async fits on 2 or more workers with no
 * `onIteration` use `'auto'` (one worker would only move the restarts, not overlap them).
 */
export type RestartPlacement = 'sequential' | 'auto' | 'parallel';

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
export function sendRestartsNow(
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
 * The random streams of `restarts` restarts to run in parallel (each fit's restart task), or
 * undefined when they should run one after the other: a single restart, a source whose state
 * cannot reach another thread, or data whose passes are cut into several shards (`shardCount`
 * > 1: there each pass already keeps the workers busy, and restarts in parallel would also hold
 * one copy of the per-row state per restart). The threshold is the passes' own: a pass of one
 * shard runs in the fit's thread whatever the executor, so its restarts are the only parallel
 * work (tooling/bench `restarts` suite; measured in the em and kmeans READMEs).
 *
 * With `'auto'`, restart 0 runs in the calling thread, timed, and the rest follow it there
 * unless `sendRestartsNow`: the path depends on the clock, the result never does.
 *
 * Streams are split off `random` in restart order, as the sequential loop splits them, so
 * restart r draws the same numbers either way, and the source ends where that loop leaves it.
 */
export function parallelRestartStates(
  random: RandomSource,
  restarts: number,
  shardCount: number,
): (readonly number[])[] | undefined {
  if (restarts < 2 || shardCount > 1 || randomState(random) === undefined) return undefined;
  const states: (readonly number[])[] = [];
  for (let restart = 0; restart < restarts; restart++) {
    const state = randomState(random.split());
    if (state === undefined) throw new Error('unreachable: a split of a seeded source');
    states.push(state);
  }
  return states;
}
