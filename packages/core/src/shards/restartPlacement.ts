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
