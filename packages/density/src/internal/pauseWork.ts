import type { NeighborIndex } from '@mixkit/neighbors';

/**
 * Work between two pauses of a fit program (`pause()` of `@mixkit/core`), in coordinates of
 * distances computed or list entries visited: about a millisecond of work, so the generator's
 * resume (a microsecond or so) costs nothing measurable, and an async driver overruns its 25 ms
 * budget by about that much at most.
 */
export const PAUSE_WORK = 2 ** 20;

/**
 * A rough cost of one neighbour query, in the units of `PAUSE_WORK`: a scan of every row by
 * brute force, a few dozen rows' coordinates through a KD-tree (plus what it finds, counted by
 * the caller).
 */
export function queryWork(index: NeighborIndex): number {
  const d = Math.max(1, index.data.cols);
  return index.algorithm === 'brute' ? index.size * d : 32 * d;
}
