import { type IterationProgress, type Matrix, reportStep, type ShardProgram } from '@mixkit/core';
import {
  type AssignSession,
  type CenteredRun,
  centersProgram,
  type IterationSettings,
} from './iterateCenters.js';
import type { KMeansData } from './kmeansData.js';

/**
 * One k-means restart from `initial` as a shard program: `centersProgram`, reporting each
 * iteration as an `IterationProgress` (its change: the inertia's, infinite at the first).
 * `KMeans` runs it restart after restart, or `restartTask` runs it in a worker.
 */
export function* runRestart(
  data: KMeansData,
  session: AssignSession,
  initial: Matrix,
  settings: IterationSettings,
  toUnits: (value: number) => number,
): ShardProgram<IterationProgress, CenteredRun> {
  const { restart } = settings;
  const steps = centersProgram(data, session, initial, settings);
  let previous = Number.NaN;
  let reply: unknown;
  let step = steps.next();
  while (!step.done) {
    const event = step.value;
    if (event.type === 'step') {
      const { iteration } = event.step;
      const objective = toUnits(event.step.objective);
      const change = Number.isNaN(previous)
        ? Number.POSITIVE_INFINITY
        : Math.abs(objective - previous);
      yield* reportStep({ restart, iteration, objective, change });
      previous = objective;
      reply = undefined;
    } else {
      reply = yield event;
    }
    step = steps.next(reply);
  }
  return step.value;
}
