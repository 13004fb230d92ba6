/**
 * The player walks through half-steps. EM and k-means are the same two-step loop, so both share
 * one timeline over their snapshots (snapshot 0 is the start, snapshot i the state after
 * iteration i):
 *
 * | frame       | phase    | EM draws                               | k-means draws                      |
 * |-------------|----------|----------------------------------------|------------------------------------|
 * | 0           | `start`  | initial components, points uncolored   | initial centers, points uncolored  |
 * | 2i - 1      | `assign` | E-step i: responsibilities under θ(i-1)| assignment i: labels to c(i-1)     |
 * | 2i          | `update` | M-step i: θ(i) from those              | update i: c(i), the labels' means  |
 * | 2T + 1      | `final`  | θ(T) and its own responsibilities      | c(T) and the model's final labels  |
 *
 * The `final` frame exists once the fit is done: it shows exactly the returned model.
 */
export type Phase = 'start' | 'assign' | 'update' | 'final';

/** One frame of a fit's timeline. */
export interface Frame {
  readonly phase: Phase;
  /** 1-based iteration of an `assign`/`update` frame; 0 at the start; the last one at `final`. */
  readonly iteration: number;
  /** Snapshot whose parameters (components, centers) are drawn. */
  readonly parameters: number;
  /**
   * Snapshot whose assignment is drawn: for EM the snapshot whose responsibilities apply (they
   * are computed under that snapshot's parameters), for k-means the snapshot whose labels apply
   * (its labels were assigned under the previous centers); -1 at the start (none). At `final`,
   * the last snapshot (k-means: the model's own final labels).
   */
  readonly assignment: number;
}

/** Number of frames for `snapshots` snapshots so far (`done`: the fit has finished). */
export function frameCount(snapshots: number, done: boolean): number {
  if (snapshots <= 0) return 0;
  return 2 * (snapshots - 1) + 1 + (done ? 1 : 0);
}

/** The frame at `index` (clamped to the frames there are) of a fit with `snapshots` snapshots. */
export function frameAt(
  index: number,
  snapshots: number,
  done: boolean,
  algorithm: 'em' | 'kmeans',
): Frame {
  const last = Math.max(0, frameCount(snapshots, done) - 1);
  const t = Math.max(0, Math.min(last, Math.floor(index)));
  const iterations = Math.max(0, snapshots - 1);
  if (t === 0) return { phase: 'start', iteration: 0, parameters: 0, assignment: -1 };
  if (done && t === last) {
    return {
      phase: 'final',
      iteration: iterations,
      parameters: iterations,
      assignment: iterations,
    };
  }
  const i = Math.ceil(t / 2);
  // EM's E-step i uses snapshot i-1's responsibilities; k-means' assignment i is snapshot i's.
  const assignment = algorithm === 'em' ? i - 1 : i;
  return t % 2 === 1
    ? { phase: 'assign', iteration: i, parameters: i - 1, assignment }
    : { phase: 'update', iteration: i, parameters: i, assignment };
}
